// Cargo reaches the city platform: a truck enters and leaves through real lanes, the guard
// records its cargo at the exit and an officer corrects it later, through the API. Under each
// shipped profile, with every first acknowledgement lost on the way back, the simulator holds
// each passage and each correction exactly once, each correction after the passage it corrects,
// in the platform's codes, naming that passage by the message id it went up under.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Caller } from '../../electron/api/dispatcher.ts';
import { PLATFORM_PROFILES } from '../../electron/config/site.ts';
import { silentLogger } from '../../electron/log/logger.ts';
import { startPlatformSim } from '../../electron/sim/platform.ts';
import { startHttpTokenSim } from '../../electron/sim/platform-http-token.ts';
import { startTcpFramesSim } from '../../electron/sim/platform-tcp-frames.ts';
import type { StoredMessage } from '../../electron/sim/platform-store.ts';
import { OutboxDrainer } from '../../electron/sync/drainer.ts';
import { heartbeatSource } from '../../electron/sync/messages/heartbeat-source.ts';
import { listOutbox, outboxCounts } from '../../electron/sync/outbox.ts';
import { createPlatformProfile } from '../../electron/sync/profiles/create-profile.ts';
import {
  cargoCorrectionFixture, enqueueCorrection, passageFixture, TEST_CREDENTIALS,
} from '../../electron/sync/test-support.ts';
import { MORNING, plateRead, startLaneWorld, type LaneWorld } from './lane-harness.ts';

type ProfileName = (typeof PLATFORM_PROFILES)[number];

interface Sim {
  url: string;
  messages(): StoredMessage[];
  stats(): { acknowledged: number; duplicates: number };
  stop(): Promise<void>;
}

/** Every new message is stored, then its acknowledgement is lost: each goes twice. */
const LOST_ACKS = { dropAckNext: 4 };

const SIMS: Record<ProfileName, () => Promise<Sim>> = {
  'reference': () => startPlatformSim({ ...TEST_CREDENTIALS, log: silentLogger(),
    faults: LOST_ACKS }),
  'http-token': () => startHttpTokenSim({ ...TEST_CREDENTIALS, log: silentLogger(),
    faults: LOST_ACKS }),
  'tcp-frames': () => startTcpFramesSim({ ...TEST_CREDENTIALS, log: silentLogger(),
    faults: LOST_ACKS }),
};

/** Each profile's plate colour code for a yellow plate (the demo truck's). */
const YELLOW: Record<ProfileName, string> = {
  'reference': 'yellow', 'http-token': '1', 'tcp-frames': '2',
};

const PLATE = '豫A12345';
const caller = (username: string, role: 'guard' | 'officer'): Caller => ({
  user: { id: 1, username, displayName: username, role }, token: null, remote: '127.0.0.1',
});

let world: LaneWorld;
let stops: Array<() => Promise<void>>;

beforeEach(async () => {
  world = await startLaneWorld({ exitLane2: true });
  stops = [];
});
afterEach(async () => {
  for (const stop of stops.reverse()) await stop();
  await world.close();
});

async function call(who: Caller, name: string, input: unknown): Promise<any> {
  const result = await world.dispatcher.call(who, name, input);
  if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.error)}`);
  return result.value;
}

/** The demo truck in at lane 1, out at lane 2 forty minutes later. */
async function entryAndExit(): Promise<void> {
  await world.lanes.handleRead(plateRead({ plate: PLATE, cameraId: 'cam-1',
    capturedAt: MORNING }), world.camera('cam-1'));
  await world.lanes.handleRead(plateRead({ plate: PLATE, cameraId: 'cam-2', vendor: 'vzenith',
    vendorEventId: 'vz-out', capturedAt: MORNING + 40 * 60_000 }), world.camera('cam-2'));
}

async function drainTo(name: ProfileName, url: string): Promise<OutboxDrainer> {
  const settings = { ...world.site.platform, profile: name, url, ...TEST_CREDENTIALS };
  const heartbeat = heartbeatSource({ db: world.db, site: world.site, softwareVersion: 'test',
    dataDir: world.dir, barriers: () => [], lastPushAt: new Map(), recorders: () => new Map() });
  const profile = createPlatformProfile(settings, { log: silentLogger(), heartbeat });
  stops.push(() => profile.close());
  const drainer = new OutboxDrainer({ db: world.db, platform: settings, profile,
    log: silentLogger() });
  stops.push(() => drainer.stop());
  drainer.start();
  return drainer;
}

async function untilAllAcked(sim: Sim, stored: number): Promise<void> {
  await vi.waitFor(() => {
    expect(outboxCounts(world.db)).toMatchObject({ pending: 0, rejected: 0 });
    expect(sim.messages()).toHaveLength(stored);
  }, { timeout: 30_000, interval: 100 });
}

describe('cargo recorded after the exit reaches the platform', () => {
  it.each(PLATFORM_PROFILES)('%s: once each, after the passage, with the cargo', async (name) => {
    const sim = await SIMS[name]();
    stops.push(() => sim.stop());
    await entryAndExit();
    const visit = (await call(caller('guard-li', 'guard'), 'ledger.visits.list',
      { plate: PLATE })).rows[0];
    expect(visit.exitPassageId).not.toBeNull();

    // At the exit: the guard reads the weighbridge slip before the exit has gone up.
    await call(caller('guard-li', 'guard'), 'ledger.visits.setCargo',
      { visitId: visit.id, cargoName: '水泥熟料', tonnage: 31.26 });
    const drainer = await drainTo(name, sim.url);
    await untilAllAcked(sim, 3);

    // Later: the officer checks the slip again and corrects it.
    await call(caller('officer-wang', 'officer'), 'ledger.visits.setCargo',
      { visitId: visit.id, cargoName: '水泥熟料', tonnage: 32.5, reason: '过磅单复核' });
    drainer.wake();
    await untilAllAcked(sim, 4);

    const rows = listOutbox(world.db);
    const stored = sim.messages();
    expect(stored.map((m) => m.messageId)).toEqual(rows.map((r) => r.messageId));
    expect(sim.stats()).toMatchObject({ acknowledged: 4, duplicates: 4 });
    expect(stored.map((m) => [m.kind, (m.data as { passageId: string }).passageId])).toEqual([
      ['passage', visit.entryPassageId], ['passage', visit.exitPassageId],
      ['passageCorrection', visit.exitPassageId], ['passageCorrection', visit.exitPassageId],
    ]);

    const history = (await call(caller('officer-wang', 'officer'), 'ledger.visits.get',
      { id: visit.id })).cargoHistory;
    const exitMessageId = rows[1]!.messageId;
    const [atExit, later] = [stored[2]!.data, stored[3]!.data];
    expect(atExit).toMatchObject({ passageMessageId: exitMessageId, plate: PLATE,
      plateColor: YELLOW[name], enterpriseCode: world.site.enterprise.code,
      changes: { cargo: { name: '水泥熟料', quantity: 31.3, unit: 't' } },
      previous: { cargo: null }, reason: '', correctedBy: 'guard-li' });
    expect(later).toMatchObject({ passageMessageId: exitMessageId,
      changes: { cargo: { name: '水泥熟料', quantity: 32.5, unit: 't' } },
      previous: { cargo: { name: '水泥熟料', quantity: 31.3, unit: 't' } },
      reason: '过磅单复核', correctedBy: 'officer-wang' });
    expect(rows.slice(2).map((r) => (r.payload as { correctedAt: number }).correctedAt))
      .toEqual(history.map((c: { at: number }) => c.at));
  }, 60_000);

  it.each(PLATFORM_PROFILES)('%s: a correction of a passage never received is refused',
    async (name) => {
      const sim = await SIMS[name]();
      stops.push(() => sim.stop());
      const unsent = passageFixture({ plate: PLATE, direction: 2, passedAtMs: MORNING });
      enqueueCorrection(world.db, cargoCorrectionFixture(unsent, null, MORNING), MORNING);

      await drainTo(name, sim.url);

      await vi.waitFor(() => expect(listOutbox(world.db)[0]).toMatchObject({
        state: 'rejected', lastError: expect.stringContaining(`no passage ${unsent.passageId}`),
      }), { timeout: 30_000, interval: 100 });
      expect(sim.messages()).toEqual([]);
    });
});
