// The sync status page's calls through the dispatcher, as every transport reaches them: who may
// read the status and who may resend a refused message, and what a resend tells the rest.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventName, Role } from '../../electron/api/contract.ts';
import { Dispatcher, type Caller } from '../../electron/api/dispatcher.ts';
import { createHandlers, type HandlerContext } from '../../electron/api/handlers.ts';
import { Users } from '../../electron/auth/users.ts';
import { openDatabase, type Db } from '../../electron/db/database.ts';
import { PassageViews } from '../../electron/ledger/passage-views.ts';
import { silentLogger } from '../../electron/log/logger.ts';
import { MediaStore } from '../../electron/media/store.ts';
import { listOutbox, markRejected } from '../../electron/sync/outbox.ts';
import { SyncLink } from '../../electron/sync/sync-link.ts';
import { enqueueTrucks } from '../../electron/sync/test-support.ts';
import { T0 } from './outbox-harness.ts';

let dir: string;
let db: Db;
let dispatcher: Dispatcher;
let wakes: number;
let events: { event: EventName; payload: unknown }[];

const as = (role: Role): Caller => ({ token: null, remote: '127.0.0.1',
  user: { id: 1, username: `${role}-wang`, displayName: role, role } });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-sync-api-'));
  db = openDatabase(join(dir, 'gatehouse.db'));
  wakes = 0;
  events = [];
  const ctx: HandlerContext = { db, users: new Users(db), lanes: null,
    views: new PassageViews(db), media: new MediaStore(join(dir, 'media')), demo: false,
    version: 'test', now: () => T0 + 600_000, wakeOutbox: () => wakes++ };
  dispatcher = new Dispatcher(createHandlers(ctx), silentLogger(), () => false);
  ctx.emit = (event, payload) => dispatcher.emit(event, payload);
  dispatcher.subscribe(as('officer'), 'sync.changed', (event, payload) =>
    events.push({ event, payload }));
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Two trucks in and out; the platform refused the first truck's entry. */
function refusedEntry(): number {
  enqueueTrucks(db, 2, T0);
  const [entry] = listOutbox(db);
  markRejected(db, entry!.id, 'rejected: code 400: invalid passage: plate', T0 + 1_000);
  return entry!.id;
}

describe('sync.status', () => {
  it('is for officers, managers and installers, not guards', async () => {
    refusedEntry();

    expect(await dispatcher.call(as('guard'), 'sync.status', {})).toMatchObject({ ok: false,
      error: { code: 'forbidden' } });
    for (const role of ['officer', 'manager', 'installer'] as const) {
      expect(await dispatcher.call(as(role), 'sync.status', {})).toMatchObject({ ok: true,
        value: { pending: 3, rejected: 1, rejections: [{ reason: 'code 400: invalid passage: ' +
          'plate', plate: '冀A10000' }], oldestPending: { ageMs: 600_000 } } });
    }
  });
});

describe('sync.status: the link', () => {
  it('carries the last heartbeat, its failure and the clock drift', async () => {
    const link = new SyncLink(db);
    link.heartbeat({ ok: true, sentAt: T0, answeredAt: T0 + 100, platformTime: T0 + 3_050 });
    link.heartbeat({ ok: false, sentAt: T0 + 60_000,
      reason: 'auth: code 401: stale timestamp' });

    expect(await dispatcher.call(as('installer'), 'sync.status', {})).toMatchObject({ ok: true,
      value: { link: { lastHeartbeatAt: T0 + 100, lastHeartbeatSentAt: T0 + 60_000,
        lastHeartbeatError: 'auth: code 401: stale timestamp', clockOffsetMs: 3_000 } } });
  });
});

describe('sync.resend', () => {
  it('re-queues the refused message, wakes the drainer and tells the status page', async () => {
    const refused = refusedEntry();

    const result = await dispatcher.call(as('officer'), 'sync.resend', { outboxId: refused });

    expect(result).toMatchObject({ ok: true, value: { outboxId: 5, rebuilt: false } });
    expect(wakes).toBe(1);
    expect(events).toEqual([{ event: 'sync.changed', payload: { pending: 4, acked: 0 } }]);
    const status = await dispatcher.call(as('manager'), 'sync.status', {});
    expect(status).toMatchObject({ ok: true, value: { pending: 4, rejected: 0, rejections: [] } });
  });

  it('is refused to a manager and a guard, and for a row that was not refused', async () => {
    const refused = refusedEntry();

    for (const role of ['guard', 'manager'] as const) {
      expect(await dispatcher.call(as(role), 'sync.resend', { outboxId: refused }))
        .toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(await dispatcher.call(as('installer'), 'sync.resend', { outboxId: refused + 1 }))
      .toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await dispatcher.call(as('officer'), 'sync.resend', { outboxId: 0 }))
      .toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(wakes).toBe(0);
  });
});
