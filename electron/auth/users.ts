// Local user accounts and their sessions. SQL stays here; callers see UserView values.
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/database.ts';
import type { Role, UserView } from '../api/contract.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

/** A session lasts one long gate shift; a guard logs in again at the next. */
export const SESSION_TTL_MS = 14 * 60 * 60 * 1000;

interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
}

const toView = (r: UserRow): UserView => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
});

export class Users {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
  }

  async create(
    input: { username: string; displayName: string; role: Role; password: string },
    demo = false,
  ): Promise<UserView | null> {
    const passwordHash = await hashPassword(input.password);

    const info = this.db
      .prepare(
        `INSERT INTO users (username, display_name, role, password_hash, demo, created_at)
         VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(username) DO NOTHING`,
      )
      .run(input.username, input.displayName, input.role, passwordHash, demo ? 1 : 0, Date.now());
    if (info.changes === 0) return null;

    return this.byId(Number(info.lastInsertRowid));
  }

  byId(id: number): UserView | null {
    const row = this.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
    return row ? toView(row) : null;
  }

  async authenticate(username: string, password: string): Promise<UserView | null> {
    const row = this.db.prepare('SELECT * FROM users WHERE username = ?').get(username) as
      | UserRow
      | undefined;
    if (!row) return null;
    return (await verifyPassword(row.password_hash, password)) ? toView(row) : null;
  }

  openSession(userId: number, now = Date.now()): string {
    const token = randomBytes(32).toString('base64url');
    this.db
      .prepare('INSERT INTO sessions (token, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)')
      .run(token, userId, now, now + SESSION_TTL_MS);
    return token;
  }

  closeSession(token: string): void {
    this.db.prepare('DELETE FROM sessions WHERE token = ?').run(token);
  }

  userForToken(token: string, now = Date.now()): UserView | null {
    const row = this.db
      .prepare(
        `SELECT u.* FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.token = ? AND s.expires_at > ?`,
      )
      .get(token, now) as UserRow | undefined;
    return row ? toView(row) : null;
  }
}
