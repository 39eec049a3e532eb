// The http-token profile against its platform simulator over real HTTP: token login, expiry
// under load, refused credentials, and our codes in the platform's.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/database.ts';
import { silentLogger } from '../../log/logger.ts';
import {
  startHttpTokenSim, type HttpTokenSim, type HttpTokenSimOptions,
} from '../../sim/platform-http-token.ts';
import { OutboxDrainer } from '../drainer.ts';
import { listOutbox, outboxCounts } from '../outbox.ts';
import {
  enqueuePassage, enqueueTrucks, passageFixture, TEST_CREDENTIALS,
} from '../test-support.ts';
import { createHttpTokenProfile, type HttpTokenProfile } from './http-token/profile.ts';
import { drainToTheEnd, exitsBeforeEntries } from './profile-test-support.ts';

// 2025-01-15 10:00:00 in Shanghai. Gate and platform share this fake clock.
const T0 = Date.UTC(2025, 0, 15, 2, 0, 0);

let dir: string;
let db: Db;
let clock: number;
const now = (): number => clock;
const advance = (ms: number): void => {
  clock += ms;
};
let sims: HttpTokenSim[];
let drainers: OutboxDrainer[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-http-token-'));
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

async function startSim(extra: Partial<HttpTokenSimOptions> = {}): Promise<HttpTokenSim> {
  const sim = await startHttpTokenSim({ ...TEST_CREDENTIALS, log: silentLogger(), now, ...extra });
  sims.push(sim);
  return sim;
}

async function stopSim(sim: HttpTokenSim): Promise<void> {
  sims = sims.filter((s) => s !== sim);
  await sim.stop();
}

function drainerFor(sim: HttpTokenSim, secret = TEST_CREDENTIALS.secret, maxInFlight = 8) {
  const platform = { url: sim.url, appId: TEST_CREDENTIALS.appId, secret };
  const profile = createHttpTokenProfile(platform);
  const drainer = new OutboxDrainer({ db, platform, profile, log: silentLogger(), now,
    maxInFlight });
  drainers.push(drainer);
  return { drainer, profile };
}

describe('the http-token platform profile', () => {
  it('delivers 200 passages exactly once with one login, each entry before its exit',
    async () => {
      const sim = await startSim();
      const ids = enqueueTrucks(db, 100, T0);
      const { drainer, profile } = drainerFor(sim);

      expect(await drainer.drainOnce()).toEqual({ sent: 200, acked: 200, failed: 0 });

      expect(sim.stats()).toMatchObject({ acknowledged: 200, duplicates: 0, logins: 1 });
      expect(profile.loginCount).toBe(1);
      expect(sim.messages().map((m) => m.messageId).sort()).toEqual([...ids].sort());
      expect(exitsBeforeEntries(sim.messages(), '1')).toEqual([]);
    });

  it('sends our codes as the platform\'s: HPYS plate colour, GA 24.9 fuel, its time format',
    async () => {
      const sim = await startSim();
      const passage = passageFixture({ plate: '冀A12345', direction: 2, passedAtMs: T0 });
      enqueuePassage(db, { ...passage, fuel: 'B' }, T0);

      await drainerFor(sim).drainer.drainOnce();

      expect(sim.messages()[0]).toMatchObject({ kind: 'passage', data: {
        plate: '冀A12345', plateColor: '1', fuel: 'B', emissionStage: '6', direction: '2',
        passedAt: '2025-01-15 10:00:00', backfill: false,
        photos: [{ sha256: passage.photos[0], base64: null, missing: 'not in the media root' }],
      } });
    });

  it('logs in again when the token lapses by time, without failing an upload', async () => {
    const sim = await startSim({ faults: { tokenTtlMs: 90_000 } });
    const { drainer, profile } = drainerFor(sim);

    enqueueTrucks(db, 1, T0);
    expect(await drainer.drainOnce()).toEqual({ sent: 2, acked: 2, failed: 0 });
    advance(61_000);
    enqueueTrucks(db, 1, clock, 1);
    expect(await drainer.drainOnce()).toEqual({ sent: 2, acked: 2, failed: 0 });

    expect(profile.loginCount).toBe(2);
    expect(sim.stats()).toMatchObject({ acknowledged: 4, expiredTokens: 0, logins: 2 });
  });

  it('token expiry under load: 500 records, tokens lapsing every few uploads, acks lost, '
    + 'each delivered exactly once and in order per plate', async () => {
    const stateFile = join(dir, 'platform.jsonl');
    const sim = await startSim({ stateFile, faults: { tokenEveryRequests: 7, dropAckNext: 5 } });
    const ids = enqueueTrucks(db, 250, T0);
    const { drainer, profile } = drainerFor(sim);

    await drainToTheEnd(db, drainer, advance);

    const stats = sim.stats();
    expect(outboxCounts(db)).toEqual({ pending: 0, acked: 500, rejected: 0 });
    expect(stats.acknowledged).toBe(500);
    expect(new Set(sim.messages().map((m) => m.messageId))).toEqual(new Set(ids));
    expect(stats.droppedAcks).toBe(5);
    expect(stats.duplicates).toBe(stats.droppedAcks);
    expect(stats.expiredTokens).toBeGreaterThan(0);
    expect(stats.logins).toBe(profile.loginCount);
    expect(stats.logins).toBeGreaterThanOrEqual(Math.ceil(500 / 7));
    expect(exitsBeforeEntries(sim.messages(), '1')).toEqual([]);
    expect(listOutbox(db, 1000).every((r) => r.lastError === null
      || r.lastError.startsWith('retryable: '))).toBe(true);
  });

  it('a restarted platform remembers what it stored: the resend after a lost ack is a duplicate',
    async () => {
      const stateFile = join(dir, 'platform.jsonl');
      const first = await startSim({ stateFile, faults: { dropAckNext: 1 } });
      const { drainer } = drainerFor(first);
      enqueueTrucks(db, 1, T0);

      expect(await drainer.drainOnce()).toEqual({ sent: 1, acked: 0, failed: 1 });
      await stopSim(first);
      const second = await startSim({ stateFile, port: first.port });
      advance(1_000);

      // The restarted platform does not know the old token: one login, then both go.
      expect(await drainer.drainOnce()).toEqual({ sent: 2, acked: 2, failed: 0 });
      expect(second.stats()).toMatchObject({ acknowledged: 2, duplicates: 1, logins: 1 });
    });

  it('keeps rows pending as an auth failure when the login is refused', async () => {
    const sim = await startSim();
    const { drainer } = drainerFor(sim, 'x'.repeat(32));
    enqueueTrucks(db, 1, T0);

    expect(await drainer.drainOnce()).toEqual({ sent: 1, acked: 0, failed: 1 });

    expect(listOutbox(db)[0]).toMatchObject({
      state: 'pending', attempts: 1, nextAttemptAt: T0 + 1_000,
      lastError: 'auth: login refused: code 1003: bad sign',
    });
    expect(sim.stats()).toMatchObject({ acknowledged: 0, rejectedAuth: 1, logins: 0 });
  });

  it('marks a message the platform refuses rejected, with its reason', async () => {
    const sim = await startSim();
    const passage = passageFixture({ plate: '冀B54321', direction: 1, passedAtMs: T0 });
    const { plate: _plate, ...withoutPlate } = passage;
    enqueuePassage(db, withoutPlate as typeof passage, T0);

    await drainerFor(sim).drainer.drainOnce();

    expect(listOutbox(db)[0]).toMatchObject({
      state: 'rejected', lastError: 'rejected: code 2001: invalid VEHICLE_PASS: missing plate',
    });
  });

  it('retries through a platform that is down and one that answers 503', async () => {
    const sim = await startSim({ faults: { down: true } });
    const { drainer } = drainerFor(sim);
    enqueueTrucks(db, 3, T0);

    expect(await drainer.drainOnce()).toMatchObject({ acked: 0, failed: 3 });
    expect(listOutbox(db)[0]!.lastError).toMatch(/^retryable: login: network: /);

    sim.injectFaults({ failNext: 2 });
    await drainToTheEnd(db, drainer, advance);
    expect(sim.stats()).toMatchObject({ acknowledged: 6, duplicates: 0, injectedFailures: 2 });
  });
});
