import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/database.ts';
import { silentLogger } from '../log/logger.ts';
import { startPlatformSim, type PlatformSim } from '../sim/platform.ts';
import { OutboxDrainer } from './drainer.ts';
import { LINK_WRITE_INTERVAL_MS, readSyncLink, SyncLink } from './sync-link.ts';
import { enqueueTrucks, TEST_CREDENTIALS } from './test-support.ts';

const T0 = Date.UTC(2025, 0, 15, 2, 0, 0);
/** The platform's clock runs 95 s ahead of the gate's: inside its ±5 min, worth showing. */
const PLATFORM_AHEAD_MS = 95_000;

let dir: string;
let db: Db;
let clock: number;
let sim: PlatformSim;
let drainer: OutboxDrainer;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-link-'));
  db = openDatabase(join(dir, 'gatehouse.db'));
  clock = T0;
  sim = await startPlatformSim({ ...TEST_CREDENTIALS, log: silentLogger(),
    now: () => clock + PLATFORM_AHEAD_MS });
  drainer = new OutboxDrainer({ db, log: silentLogger(), now: () => clock,
    platform: { url: sim.url, ...TEST_CREDENTIALS } });
});
afterEach(async () => {
  await drainer.stop();
  await sim.stop();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('what the drainer hears of the platform', () => {
  it('measures the platform\'s clock from its Date header, to the second', async () => {
    enqueueTrucks(db, 2, T0);

    await drainer.drainOnce();
    await drainer.stop();

    const link = readSyncLink(db);
    expect(link).toMatchObject({ lastAckAt: T0, lastContactAt: T0, clockMeasuredAt: T0,
      lastHeartbeatAt: null });
    expect(Math.abs(link.clockOffsetMs! - PLATFORM_AHEAD_MS)).toBeLessThanOrEqual(1_000);
  });

  it('writes what it heard at most every ten seconds, and all of it when stopped', async () => {
    const passAt = async (at: number, truck: number) => {
      clock = at;
      enqueueTrucks(db, 1, clock, truck);
      await drainer.drainOnce();
    };

    await passAt(T0, 0);
    expect(readSyncLink(db).clockMeasuredAt).toBe(T0);
    await passAt(T0 + 1_000, 1);
    expect(readSyncLink(db).clockMeasuredAt).toBe(T0);
    expect(drainer.link.view().lastAckAt).toBe(T0 + 1_000);
    await passAt(T0 + LINK_WRITE_INTERVAL_MS, 2);
    expect(readSyncLink(db)).toMatchObject({ clockMeasuredAt: T0 + LINK_WRITE_INTERVAL_MS,
      lastAckAt: T0 + 1_000 });

    await passAt(T0 + 12_000 + LINK_WRITE_INTERVAL_MS, 3);
    await drainer.stop();
    expect(readSyncLink(db).lastAckAt).toBe(T0 + 12_000 + LINK_WRITE_INTERVAL_MS);
  });

  it('keeps what it heard across a restart of the gate', () => {
    const link = new SyncLink(db);
    link.heartbeat({ ok: true, sentAt: T0 - 40, answeredAt: T0 });
    link.acknowledged(T0 + LINK_WRITE_INTERVAL_MS);

    expect(new SyncLink(db).view()).toMatchObject({ lastHeartbeatAt: T0,
      lastHeartbeatSentAt: T0 - 40, lastHeartbeatError: null,
      lastAckAt: T0 + LINK_WRITE_INTERVAL_MS });
  });

  it('writes a heartbeat\'s outcome at once: a failure keeps the last answered time', () => {
    const link = new SyncLink(db);
    link.heartbeat({ ok: true, sentAt: T0 - 200, answeredAt: T0, platformTime: T0 + 2_400 });
    link.heartbeat({ ok: false, sentAt: T0 + 1_000, reason: 'auth: code 401: bad signature' });

    expect(readSyncLink(db)).toMatchObject({ lastHeartbeatAt: T0, lastContactAt: T0,
      lastHeartbeatSentAt: T0 + 1_000, lastHeartbeatError: 'auth: code 401: bad signature',
      clockOffsetMs: 2_500, clockMeasuredAt: T0 });
  });
});
