import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Db } from '../db/database.ts';
import { silentLogger } from '../log/logger.ts';
import { startPlatformSim, type PlatformSim, type PlatformSimOptions } from '../sim/platform.ts';
import { OutboxDrainer, type OutboxDrainerOptions } from './drainer.ts';
import { listOutbox, outboxCounts, type OutboxCounts } from './outbox.ts';
import type { PassageMessage } from './passage-message.ts';
import {
  enqueuePassage, enqueueTrucks, passageFixture, TEST_CREDENTIALS,
} from './test-support.ts';

// 2025-01-15 10:00:00 in Shanghai. Gate and platform share this fake clock.
const T0 = Date.UTC(2025, 0, 15, 2, 0, 0);

let dir: string;
let db: Db;
let clock: number;
const now = (): number => clock;
let sims: PlatformSim[];
let drainers: OutboxDrainer[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-drainer-'));
  db = openDatabase(join(dir, 'gatehouse.db'));
  clock = T0;
  sims = [];
  drainers = [];
});
afterEach(async () => {
  await Promise.all(drainers.map((d) => d.stop()));
  await Promise.all(sims.map((s) => s.stop()));
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

async function startSim(extra: Partial<PlatformSimOptions> = {}): Promise<PlatformSim> {
  const sim = await startPlatformSim({ ...TEST_CREDENTIALS, log: silentLogger(), now, ...extra });
  sims.push(sim);
  return sim;
}

async function stopSim(sim: PlatformSim): Promise<void> {
  sims = sims.filter((s) => s !== sim);
  await sim.stop();
}

function drainerFor(sim: PlatformSim, extra: Partial<OutboxDrainerOptions> = {}): OutboxDrainer {
  const platform = { url: sim.url, ...TEST_CREDENTIALS };
  const drainer = new OutboxDrainer({ db, platform, log: silentLogger(), now, ...extra });
  drainers.push(drainer);
  return drainer;
}

function storedPassages(sim: PlatformSim): (PassageMessage & { seq: number })[] {
  return sim.messages().map((m) => ({ ...(m.data as PassageMessage), seq: m.seq }));
}

/** For every plate, the sequence numbers at which the platform stored its entry and exit. */
function entryBeforeExit(sim: PlatformSim): boolean[] {
  const byPlate = new Map<string, { entry?: number; exit?: number }>();
  for (const p of storedPassages(sim)) {
    const seen = byPlate.get(p.plate) ?? {};
    if (p.direction === 1) seen.entry = p.seq;
    else seen.exit = p.seq;
    byPlate.set(p.plate, seen);
  }
  return [...byPlate.values()].map((s) => s.entry! < s.exit!);
}

describe('the outbox drainer against the platform simulator', () => {
  it('delivers 50 passages exactly once, each truck\'s entry before its exit', async () => {
    const sim = await startSim();
    const messageIds = enqueueTrucks(db, 25, T0);

    const result = await drainerFor(sim).drainOnce();

    expect(result).toEqual({ sent: 50, acked: 50, failed: 0 });
    expect(outboxCounts(db)).toEqual({ pending: 0, acked: 50, rejected: 0 });
    expect(sim.stats()).toMatchObject({ acknowledged: 50, duplicates: 0 });
    expect(sim.messages().map((m) => m.messageId).sort()).toEqual([...messageIds].sort());
    expect(entryBeforeExit(sim)).toEqual(Array(25).fill(true));
    expect(listOutbox(db).every((r) => r.attempts === 1 && r.ackedAt === T0)).toBe(true);
  });

  it('holds rows on the back-off ladder through an outage, then delivers each exactly once',
    async () => {
      const stateFile = join(dir, 'platform-state.jsonl');
      const first = await startSim({ stateFile, faults: { dropAckNext: 1 } });
      const drainer = drainerFor(first);
      const messageIds = enqueueTrucks(db, 10, T0);

      // One acknowledgement is lost on the wire: the platform stored it, we did not hear.
      expect(await drainer.drainOnce()).toEqual({ sent: 19, acked: 18, failed: 1 });
      expect(first.stats()).toMatchObject({ acknowledged: 19, droppedAcks: 1 });

      // The platform goes down; 30 more passages arrive.
      await stopSim(first);
      messageIds.push(...enqueueTrucks(db, 15, T0, 10));
      expect(await drainer.drainOnce()).toEqual({ sent: 15, acked: 0, failed: 15 });
      const waiting = listOutbox(db).filter((r) => r.attempts === 1 && r.state === 'pending');
      expect(waiting).toHaveLength(16);
      expect(waiting.every((r) => r.nextAttemptAt === T0 + 1_000)).toBe(true);
      expect(waiting.every((r) => r.lastError?.startsWith('retryable: network: '))).toBe(true);

      clock = T0 + 1_000;
      expect(await drainer.drainOnce()).toEqual({ sent: 16, acked: 0, failed: 16 });
      clock = T0 + 2_000;
      expect(await drainer.drainOnce()).toEqual({ sent: 0, acked: 0, failed: 0 });
      const retried = listOutbox(db).filter((r) => r.attempts === 2);
      expect(retried.map((r) => r.nextAttemptAt)).toEqual(Array(16).fill(T0 + 3_000));
      expect(outboxCounts(db)).toEqual({ pending: 32, acked: 18, rejected: 0 });

      // Back up a minute later, remembering what it stored before.
      const second = await startSim({ stateFile, port: first.port });
      clock = T0 + 61_000;
      expect(await drainer.drainOnce()).toEqual({ sent: 32, acked: 32, failed: 0 });

      expect(outboxCounts(db)).toEqual({ pending: 0, acked: 50, rejected: 0 });
      expect(second.stats()).toMatchObject({ acknowledged: 50, duplicates: 1 });
      const stored = second.messages().map((m) => m.messageId);
      expect(new Set(stored).size).toBe(50);
      expect(stored.sort()).toEqual([...messageIds].sort());
      expect(entryBeforeExit(second)).toEqual(Array(25).fill(true));
      const backfilled = storedPassages(second).filter((p) => p.backfill);
      expect(backfilled).toHaveLength(31);
    });

  it('holds a truck\'s exit back until its entry is acknowledged', async () => {
    const sim = await startSim({ faults: { failNext: 1 } });
    const drainer = drainerFor(sim);
    const [entryId, exitId] = enqueueTrucks(db, 1, T0);

    expect(await drainer.drainOnce()).toEqual({ sent: 1, acked: 0, failed: 1 });
    const [entry, exit] = listOutbox(db);
    expect(entry).toMatchObject({ messageId: entryId, attempts: 1, state: 'pending' });
    expect(entry!.lastError).toBe('retryable: code 503: platform unavailable (injected)');
    expect(exit).toMatchObject({ messageId: exitId, attempts: 0, state: 'pending' });

    clock = T0 + 1_000;
    expect(await drainer.drainOnce()).toEqual({ sent: 2, acked: 2, failed: 0 });
    expect(sim.messages().map((m) => m.messageId)).toEqual([entryId, exitId]);
  });

  it('marks a refused passage rejected with the platform\'s reason and moves on', async () => {
    const sim = await startSim();
    const entry = passageFixture({ plate: '冀B54321', direction: 1, passedAtMs: T0 });
    const exit = passageFixture({ plate: '冀B54321', direction: 2, passedAtMs: T0 });
    enqueuePassage(db, { ...entry, passedAt: '2025/01/15 10:00' }, T0);
    enqueuePassage(db, exit, T0);

    const result = await drainerFor(sim).drainOnce();

    expect(result).toEqual({ sent: 2, acked: 1, failed: 1 });
    const [rejected, acked] = listOutbox(db);
    expect(rejected).toMatchObject({
      state: 'rejected', attempts: 1,
      lastError: 'rejected: code 400: invalid passage: passedAt: expected yyyy-MM-dd HH:mm:ss',
    });
    expect(acked).toMatchObject({ state: 'acked' });
    expect(sim.stats()).toMatchObject({ acknowledged: 1, rejectedInvalid: 1 });
  });

  it('keeps rows pending when the platform refuses our signature', async () => {
    const sim = await startSim();
    const drainer = drainerFor(sim);
    const wrongSecret = new OutboxDrainer({
      db, log: silentLogger(), now,
      platform: { url: sim.url, appId: TEST_CREDENTIALS.appId, secret: 'x'.repeat(32) },
    });
    drainers.push(wrongSecret);
    enqueueTrucks(db, 1, T0);

    expect(await wrongSecret.drainOnce()).toEqual({ sent: 1, acked: 0, failed: 1 });
    expect(listOutbox(db)[0]).toMatchObject({
      state: 'pending', attempts: 1, nextAttemptAt: T0 + 1_000,
      lastError: 'auth: code 401: bad signature',
    });
    expect(sim.stats()).toMatchObject({ acknowledged: 0, rejectedSignature: 1 });

    clock = T0 + 1_000;
    expect(await drainer.drainOnce()).toEqual({ sent: 2, acked: 2, failed: 0 });
  });

  it('gives up on a silent platform after the timeout and resends idempotently', async () => {
    const sim = await startSim({ faults: { delayMs: 300 } });
    const drainer = drainerFor(sim, { requestTimeoutMs: 100 });
    enqueuePassage(db, passageFixture({ plate: '冀C11111', direction: 1, passedAtMs: T0 }), T0);

    expect(await drainer.drainOnce()).toEqual({ sent: 1, acked: 0, failed: 1 });
    expect(listOutbox(db)[0]!.lastError).toBe('retryable: no answer within 100 ms');
    await vi.waitFor(() => expect(sim.stats().acknowledged).toBe(1), { timeout: 3_000 });

    sim.injectFaults({});
    clock = T0 + 1_000;
    expect(await drainer.drainOnce()).toEqual({ sent: 1, acked: 1, failed: 0 });
    expect(sim.stats()).toMatchObject({ acknowledged: 1, duplicates: 1 });
  });

  it('leaves a row untouched when stopped in the middle of sending it', async () => {
    const sim = await startSim({ faults: { delayMs: 1_000 } });
    const drainer = drainerFor(sim);
    enqueuePassage(db, passageFixture({ plate: '冀D22222', direction: 1, passedAtMs: T0 }), T0);

    const pass = drainer.drainOnce();
    await delay(100);
    await drainer.stop();

    expect(await pass).toEqual({ sent: 1, acked: 0, failed: 0 });
    expect(listOutbox(db)[0]).toMatchObject({ state: 'pending', attempts: 0, lastError: null });
  });

  it('runs in the background and sends a new passage as soon as the lane wakes it', async () => {
    const sim = await startSim({ now: Date.now });
    const changes: OutboxCounts[] = [];
    const drainer = drainerFor(sim, { now: Date.now, onChange: (c) => changes.push(c) });
    drainer.start();
    await delay(50);

    const passedAtMs = Date.now();
    const passage = passageFixture({ plate: '冀E33333', direction: 1, passedAtMs });
    enqueuePassage(db, passage, passedAtMs);
    drainer.wake();

    await vi.waitFor(() => expect(drainer.counts().acked).toBe(1), { timeout: 2_000 });
    expect(changes).toEqual([{ pending: 0, acked: 1, rejected: 0 }]);
    expect(storedPassages(sim).map((p) => p.backfill)).toEqual([false]);
  });
});
