// `gatehouse init`: creates the installer account of a production data folder from the command
// line (the first screen of the UI does the same). The password is read from standard input,
// never from the arguments, so it stays out of shell history and process lists.
import { join } from 'node:path';
import { openDatabase } from '../db/database.ts';
import { Users } from '../auth/users.ts';
import { writeAudit } from '../db/audit.ts';

const MIN_PASSWORD_LENGTH = 8;

export async function runInit(o: {
  dataDir: string; username?: string; displayName?: string;
}): Promise<number> {
  const say = (line: string) => process.stdout.write(`${line}\n`);
  if (!o.username) {
    say('init needs --username NAME (the password is read from standard input)');
    return 2;
  }

  const password = (await readStdin()).split(/\r?\n/)[0] ?? '';
  if (password.length < MIN_PASSWORD_LENGTH) {
    say(`the password must have at least ${MIN_PASSWORD_LENGTH} characters`);
    return 2;
  }

  const db = openDatabase(join(o.dataDir, 'gatehouse.db'));
  try {
    const users = new Users(db);
    if (users.count() > 0) {
      say('this data folder has accounts already; add users from the app');
      return 1;
    }
    const user = await users.create({ username: o.username, role: 'installer', password,
      displayName: o.displayName ?? o.username });
    writeAudit(db, { actor: o.username, action: 'user.setup-installer', detail: { via: 'cli' } });
    say(`installer account ${user?.username} created in ${o.dataDir}`);
    return 0;
  } finally {
    db.close();
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
