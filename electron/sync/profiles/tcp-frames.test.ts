// The tcp-frames profile against its platform simulator over a real TCP socket: exactly-once
// delivery, our codes in the platform's, heartbeats at the configured interval, reconnection
// after the platform restarts, lost acks, refused logins.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Db } from '../../db/database.ts';
import { silentLogger } from '../../log/logger.ts';
import {
  startTcpFramesSim, type TcpFramesSim, type TcpFramesSimOptions,
} from '../../sim/platform-tcp-frames.ts';
import { OutboxDrainer } from '../drainer.ts';
import type { HeartbeatMessage } from '../messages/heartbeat.ts';
import type { HeartbeatListener, HeartbeatOutcome } from './heartbeat-loop.ts';
import { listOutbox, outboxCounts } from '../outbox.ts';
import {
  enqueuePassage, enqueueTrucks, passageFixture, TEST_CREDENTIALS,
} from '../test-support.ts';
import { drainToTheEnd, exitsBeforeEntries } from './profile-test-support.ts';
import { createTcpFramesProfile, type TcpFramesProfile } from './tcp-frames/profile.ts';

const T0 = Date.UTC(2025, 0, 15, 2, 0, 0);
const FAST_LADDER = [50, 100, 200];

let dir: string;
let db: Db;
let clock: number;
const now = (): number => clock;
const advance = (ms: number): void => {
  clock += ms;
};
let sims: TcpFramesSim[];
let profiles: TcpFramesProfile[];
let drainers: OutboxDrainer[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-tcp-frames-'));
  db = openDatabase(join(dir, 'gatehouse.db'));
  clock = T0;
  sims = [];
  profiles = [];
  drainers = [];
});
afterEach(async () => {
  await Promise.all(drainers.map((d) => d.stop()));
  await Promise.all(profiles.map((p) => p.close()));
  await Promise.all(sims.map((s) => s.stop()));
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

async function startSim(extra: Partial<TcpFramesSimOptions> = {}): Promise<TcpFramesSim> {
  const sim = await startTcpFramesSim({ ...TEST_CREDENTIALS, log: silentLogger(), now, ...extra });
  sims.push(sim);
  return sim;
}

async function stopSim(sim: TcpFramesSim): Promise<void> {
  sims = sims.filter((s) => s !== sim);
  await sim.stop();
}

const heartbeat = async (): Promise<HeartbeatMessage> => ({
  systemId: TEST_CREDENTIALS.appId, enterpriseCode: 'E130100000001', softwareVersion: '0.1.0',
  sentAt: clock, devices: [{ deviceId: 'cam-1', kind: 'camera', online: true, detail: null }],
  disk: { freeBytes: 5e11, totalBytes: 1e12 }, lastUploadAt: null, pending: 0,
});

function profileFor(url: string, extra: { secret?: string; heartbeatMs?: number;
  now?: () => number; onHeartbeat?: HeartbeatListener } = {}): TcpFramesProfile {
  const platform = { url, appId: TEST_CREDENTIALS.appId,
    secret: extra.secret ?? TEST_CREDENTIALS.secret };
  const profile = createTcpFramesProfile(platform, { heartbeat, log: silentLogger(),
    reconnectLadderMs: FAST_LADDER, heartbeatMs: extra.heartbeatMs, now: extra.now ?? now,
    onHeartbeat: extra.onHeartbeat });
  profiles.push(profile);
  return profile;
}

function drainerFor(profile: TcpFramesProfile, url: string, requestTimeoutMs = 2_000) {
  const platform = { url, ...TEST_CREDENTIALS };
  const drainer = new OutboxDrainer({ db, platform, profile, log: silentLogger(), now,
    requestTimeoutMs });
  drainers.push(drainer);
  return drainer;
}

describe('the tcp-frames platform profile', () => {
  it('delivers 200 passages exactly once over one connection, each entry before its exit',
    async () => {
      const sim = await startSim();
      const ids = enqueueTrucks(db, 100, T0);
      const drainer = drainerFor(profileFor(sim.url), sim.url);

      expect(await drainer.drainOnce()).toEqual({ sent: 200, acked: 200, failed: 0 });

      expect(sim.stats()).toMatchObject({ acknowledged: 200, duplicates: 0, logins: 1 });
      expect(sim.messages().map((m) => m.messageId).sort()).toEqual([...ids].sort());
      expect(exitsBeforeEntries(sim.messages(), 'IN')).toEqual([]);
    });

  it('sends our codes as the platform\'s: JT/T 697.7 plate colour, stage and fuel words',
    async () => {
      const sim = await startSim();
      const passage = passageFixture({ plate: '冀A12345', direction: 1, passedAtMs: T0 });
      enqueuePassage(db, { ...passage, fuel: 'B' }, T0);

      await drainerFor(profileFor(sim.url), sim.url).drainOnce();

      expect(sim.messages()[0]).toMatchObject({ kind: 'passage', data: {
        plate: '冀A12345', plateColor: '2', fuel: '柴油', emissionStage: '国六',
        direction: 'IN', passedAt: '20250115100000', photos: passage.photos,
      } });
    });

  it('sends a heartbeat at the configured interval while the link is up', async () => {
    const sim = await startSim({ now: Date.now });
    const answered: number[] = [];
    profileFor(sim.url, { heartbeatMs: 200, now: Date.now, onHeartbeat: (outcome) => {
      if (outcome.ok) answered.push(outcome.answeredAt);
    } });

    await vi.waitFor(() => expect(sim.heartbeats().length).toBeGreaterThanOrEqual(5),
      { timeout: 3_000, interval: 50 });

    const beats = sim.heartbeats();
    const gaps = beats.slice(1).map((b, i) => b.receivedAt - beats[i]!.receivedAt);
    expect(gaps.every((gap) => gap >= 150 && gap <= 600), gaps.join()).toBe(true);
    expect(answered.length).toBeGreaterThanOrEqual(4);
    expect(beats[0]!.body).toMatchObject({ systemId: TEST_CREDENTIALS.appId,
      devices: [{ deviceId: 'cam-1', kind: 'camera', online: true }] });
  });

  it('reports each heartbeat answered, and the link lost as a heartbeat that cannot go',
    async () => {
      const sim = await startSim({ now: Date.now });
      const outcomes: HeartbeatOutcome[] = [];
      profileFor(sim.url, { heartbeatMs: 200, now: Date.now, onHeartbeat: (o) => {
        outcomes.push(o);
      } });
      await vi.waitFor(() => expect(outcomes.some((o) => o.ok)).toBe(true),
        { timeout: 5_000, interval: 20 });

      await stopSim(sim);
      await vi.waitFor(() => expect(outcomes.at(-1)).toMatchObject({ ok: false }),
        { timeout: 5_000, interval: 20 });

      const answered = outcomes.find((o) => o.ok)!;
      expect(answered.ok && answered.answeredAt >= answered.sentAt).toBe(true);
      expect(answered.ok && typeof answered.platformTime).toBe('number');
      expect(outcomes.at(-1)).toMatchObject({ reason: expect.stringMatching(/^no link: /) });
    });

  it('reconnects after the platform restarts and delivers what waited, exactly once',
    async () => {
      const stateFile = join(dir, 'platform.jsonl');
      const first = await startSim({ stateFile });
      const profile = profileFor(first.url);
      const drainer = drainerFor(profile, first.url, 300);
      const ids = enqueueTrucks(db, 5, T0);
      expect(await drainer.drainOnce()).toMatchObject({ acked: 10 });

      await stopSim(first);
      await vi.waitFor(() => expect(profile.linkState).not.toBe('ready'));
      ids.push(...enqueueTrucks(db, 5, T0, 5));
      expect(await drainer.drainOnce()).toMatchObject({ acked: 0, failed: 5 });
      expect(listOutbox(db, 100).find((r) => r.state === 'pending')!.lastError)
        .toMatch(/^retryable: no connection: /);

      const second = await startSim({ stateFile, port: first.port });
      await vi.waitFor(() => expect(profile.linkState).toBe('ready'), { timeout: 3_000 });
      await drainToTheEnd(db, drainer, advance);

      expect(second.stats()).toMatchObject({ acknowledged: 20, duplicates: 0, logins: 1 });
      expect(new Set(second.messages().map((m) => m.messageId))).toEqual(new Set(ids));
      expect(exitsBeforeEntries(second.messages(), 'IN')).toEqual([]);
    });

  it('counts a resend after a lost ack as a duplicate, never a second record', async () => {
    const sim = await startSim({ faults: { dropAckNext: 3 } });
    const ids = enqueueTrucks(db, 50, T0);
    const drainer = drainerFor(profileFor(sim.url), sim.url);

    await drainToTheEnd(db, drainer, advance);

    expect(outboxCounts(db)).toEqual({ pending: 0, acked: 100, rejected: 0 });
    expect(sim.stats()).toMatchObject({ acknowledged: 100, droppedAcks: 3, duplicates: 3 });
    expect(new Set(sim.messages().map((m) => m.messageId))).toEqual(new Set(ids));
    expect(exitsBeforeEntries(sim.messages(), 'IN')).toEqual([]);
  });

  it('classifies a refused login as auth, an error ack as retryable, a bad message rejected',
    async () => {
      const sim = await startSim({ faults: { failNext: 1 } });
      enqueuePassage(db, passageFixture({ plate: '冀C1', direction: 1, passedAtMs: T0 }), T0);
      const { plate: _p, ...noPlate } = passageFixture({ plate: '冀D2', direction: 1,
        passedAtMs: T0 });
      enqueuePassage(db, noPlate as ReturnType<typeof passageFixture>, T0);

      const wrong = drainerFor(profileFor(sim.url, { secret: 'y'.repeat(32) }), sim.url, 500);
      await wrong.drainOnce();
      expect(listOutbox(db)[0]!.lastError).toBe('auth: login refused: 401: bad sign');

      advance(1_000);
      await drainerFor(profileFor(sim.url), sim.url).drainOnce();
      const [first, bad] = listOutbox(db);
      expect(first!.lastError).toBe('retryable: code 503: busy (injected)');
      expect(bad).toMatchObject({ state: 'rejected',
        lastError: 'rejected: code 400: invalid PASS: missing plate' });
    });
});
