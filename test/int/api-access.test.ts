// The API's gatekeeping, exercised through the real HTTP transport against a real SQLite file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { openDatabase, type Db } from '../../electron/db/database.ts';
import { Users } from '../../electron/auth/users.ts';
import { Dispatcher } from '../../electron/api/dispatcher.ts';
import { createHandlers } from '../../electron/api/handlers.ts';
import { startApiServer, type ApiServer } from '../../electron/api/server.ts';
import { PassageViews } from '../../electron/ledger/passage-views.ts';
import { MediaStore } from '../../electron/media/store.ts';
import { silentLogger } from '../../electron/log/logger.ts';
import { ApiClient } from '../support/api.ts';
import { upgradeOutcome } from '../support/socket.ts';

let dir: string;
let db: Db;
let server: ApiServer;
let remote = '127.0.0.1';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-api-'));
  db = openDatabase(join(dir, 'gatehouse.db'));
  const users = new Users(db);
  const handlers = createHandlers({ db, users, lanes: null, views: new PassageViews(db),
    media: new MediaStore(join(dir, 'media')), demo: false, version: 'test' });
  const dispatcher = new Dispatcher(handlers, silentLogger(), () => users.count() === 0);
  server = await startApiServer({
    host: '127.0.0.1', port: 0, dispatcher, uiDir: null, log: silentLogger(),
    callerFor: (token, r) => ({ user: token ? users.userForToken(token) : null, token,
      remote: r }),
    health: () => ({ status: 'ok' }),
    setupRequired: () => users.count() === 0,
    // The injected source address: tests play a client on the office LAN with it.
    remoteAddressOf: () => remote,
  });
});

afterAll(async () => {
  await server.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('before the installer account exists', () => {
  it('serves nothing but account creation', async () => {
    const api = new ApiClient(server.url);
    expect(await api.value('system.status', {})).toMatchObject({ needsSetup: true });

    const login = await api.call('auth.login', { username: 'x', password: 'whatever-pw' });
    expect(login).toMatchObject({ ok: false, error: { code: 'setup_required' } });
    const search = await api.call('passages.search', {});
    expect(search).toMatchObject({ ok: false, error: { code: 'setup_required' } });
    expect((await api.health()).status).toBe(503);
  });

  it('creates the installer with the password they chose, once', async () => {
    const api = new ApiClient(server.url);
    const made = await api.value('auth.setupInstaller', { username: 'wang', displayName: '王工',
      password: 'chosen-by-wang-1' });
    expect(made.user).toMatchObject({ username: 'wang', role: 'installer' });

    const again = await api.call('auth.setupInstaller', { username: 'lisi', displayName: '李四',
      password: 'another-password' });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});

describe('roles', () => {
  it('refuses an installer-only command to a guard', async () => {
    const installer = await new ApiClient(server.url).login('wang', 'chosen-by-wang-1');
    await installer.value('users.create', { username: 'zhang', displayName: '张师傅',
      role: 'guard', password: 'guard-password-1' });

    const guard = await new ApiClient(server.url).login('zhang', 'guard-password-1');
    const r = await guard.call('devices.testBarrier', { laneId: 'lane-1' });
    expect(r).toEqual({ ok: false, error: { code: 'forbidden',
      message: 'guard may not call devices.testBarrier' } });
    const u = await guard.call('users.create', { username: 'evil', displayName: 'x',
      role: 'installer', password: 'password-123' });
    expect(u).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('refuses calls without a session and validates input at the boundary', async () => {
    const anon = new ApiClient(server.url);
    expect(await anon.call('passages.recent', {})).toMatchObject({ ok: false,
      error: { code: 'unauthenticated' } });

    const guard = await new ApiClient(server.url).login('zhang', 'guard-password-1');
    const bad = await guard.call('passages.search', { limit: 100_000 } as never);
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await guard.call('no.such.call' as never, {} as never)).toMatchObject({
      ok: false, error: { code: 'unknown_call' } });
  });

  it('checks the role on event subscriptions', async () => {
    const guard = await new ApiClient(server.url).login('zhang', 'guard-password-1');
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}api/ws?token=${guard.token}`);
    await new Promise((r) => ws.once('open', r));
    const answer = new Promise<any>((r) => ws.once('message', (d) => r(JSON.parse(String(d)))));
    ws.send(JSON.stringify({ t: 'sub', event: 'sync.changed' }));
    expect(await answer).toEqual({ t: 'sub-error', event: 'sync.changed',
      error: { code: 'forbidden', message: 'guard may not subscribe to sync.changed' } });
    ws.close();

    expect(await upgradeOutcome(`${server.url.replace('http', 'ws')}api/ws`)).toBe('401');
  });

  it('takes event sockets from its own pages only, and lives through a `null` origin', async () => {
    const guard = await new ApiClient(server.url).login('zhang', 'guard-password-1');
    const events = `${server.url.replace('http', 'ws')}api/ws?token=${guard.token}`;

    expect(await upgradeOutcome(events, server.url.slice(0, -1))).toBe('open');
    expect(await upgradeOutcome(events, 'http://elsewhere.example')).toBe('401');
    // A sandboxed frame or a file page says `null`; the host once crashed parsing it.
    expect(await upgradeOutcome(events, 'null')).toBe('401');
    expect(await upgradeOutcome(events, 'file://')).toBe('401');
    expect((await new ApiClient(server.url).health()).status).toBe(200);
  });
});

describe('the health report', () => {
  it('is answered without login to a loopback client', async () => {
    remote = '127.0.0.1';
    expect((await new ApiClient(server.url).health()).status).toBe(200);
  });

  it('is refused without login to a client on the LAN', async () => {
    remote = '192.0.2.50';
    try {
      const r = await new ApiClient(server.url).health();
      expect(r.status).toBe(401);
    } finally {
      remote = '127.0.0.1';
    }
  });

  it('is answered to a LAN client that is logged in', async () => {
    const installer = await new ApiClient(server.url).login('wang', 'chosen-by-wang-1');
    remote = '192.0.2.50';
    try {
      const res = await fetch(new URL('api/health', server.url),
        { headers: { authorization: `Bearer ${installer.token}` } });
      expect(res.status).toBe(200);
    } finally {
      remote = '127.0.0.1';
    }
  });
});
