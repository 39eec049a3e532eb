// Heartbeats (M7) are liveness, not records: under every profile, wired as the host wires it,
// the platform receives heartbeats all along while the outbox drains, and yet the simulator's
// messages (`/sim/messages`) are exactly the outbox's records and the outbox holds no heartbeat.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { demoSite } from '../../electron/config/demo-site.ts';
import { PLATFORM_PROFILES } from '../../electron/config/site.ts';
import { openDatabase, type Db } from '../../electron/db/database.ts';
import { silentLogger } from '../../electron/log/logger.ts';
import { startPlatformSim } from '../../electron/sim/platform.ts';
import { startHttpTokenSim } from '../../electron/sim/platform-http-token.ts';
import { startTcpFramesSim } from '../../electron/sim/platform-tcp-frames.ts';
import type { ReceivedHeartbeat } from '../../electron/sim/platform-heartbeats.ts';
import type { StoredMessage } from '../../electron/sim/platform-store.ts';
import { OutboxDrainer } from '../../electron/sync/drainer.ts';
import { heartbeatSource } from '../../electron/sync/messages/heartbeat-source.ts';
import { listOutbox, outboxCounts } from '../../electron/sync/outbox.ts';
import { createPlatformProfile } from '../../electron/sync/profiles/create-profile.ts';
import { readSyncLink } from '../../electron/sync/sync-link.ts';
import { enqueueTrucks, TEST_CREDENTIALS } from '../../electron/sync/test-support.ts';

type ProfileName = (typeof PLATFORM_PROFILES)[number];

interface Sim {
  url: string;
  messages(): StoredMessage[];
  heartbeats(): ReceivedHeartbeat[];
  stop(): Promise<void>;
}

const SIMS: Record<ProfileName, () => Promise<Sim>> = {
  'reference': () => startPlatformSim({ ...TEST_CREDENTIALS, log: silentLogger() }),
  'http-token': () => startHttpTokenSim({ ...TEST_CREDENTIALS, log: silentLogger() }),
  'tcp-frames': () => startTcpFramesSim({ ...TEST_CREDENTIALS, log: silentLogger() }),
};

/** Beats a second apart: two or more arrive while forty passages drain. */
const HEARTBEAT_SECONDS = 1;

let dir: string;
let db: Db;
let stops: Array<() => Promise<void>>;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-heartbeat-apart-'));
  db = openDatabase(join(dir, 'gatehouse.db'));
  stops = [];
});
afterEach(async () => {
  for (const stop of stops.reverse()) await stop();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The gate as the host builds it: the site's profile with the host's heartbeat source. */
async function gateReportingTo(profileName: ProfileName): Promise<Sim> {
  const sim = await SIMS[profileName]();
  stops.push(() => sim.stop());
  const demo = demoSite({ lprPort: 0, apiPort: 0, lane1Barrier: { kind: 'camera-reply' },
    platformUrl: sim.url, platformSecret: TEST_CREDENTIALS.secret, rulesFile: 'x.json' });
  const settings = { ...demo.platform, profile: profileName, appId: TEST_CREDENTIALS.appId,
    heartbeatSeconds: HEARTBEAT_SECONDS };
  const site = { ...demo, platform: settings };

  let drainer: OutboxDrainer | null = null;
  const profile = createPlatformProfile(settings, {
    log: silentLogger(),
    heartbeat: heartbeatSource({ db, site, softwareVersion: '0.1.0', dataDir: dir,
      barriers: () => [], lastPushAt: new Map(), recorders: () => new Map() }),
    onHeartbeat: (outcome) => drainer?.link.heartbeat(outcome),
  });
  stops.push(() => profile.close());
  drainer = new OutboxDrainer({ db, platform: settings, profile, log: silentLogger() });
  const running = drainer;
  stops.push(() => running.stop());

  enqueueTrucks(db, 20, Date.now());
  drainer.start();
  return sim;
}

describe('heartbeats kept apart from records', () => {
  it.each(PLATFORM_PROFILES)('%s: the platform stores the records and only them', async (name) => {
    const sim = await gateReportingTo(name);

    await vi.waitFor(() => {
      expect(outboxCounts(db).pending).toBe(0);
      expect(sim.heartbeats().length).toBeGreaterThanOrEqual(2);
      expect(readSyncLink(db).lastHeartbeatAt).not.toBeNull();
    }, { timeout: 30_000, interval: 100 });

    const rows = listOutbox(db, 1_000);
    expect(rows).toHaveLength(40);
    expect(rows.filter((r) => r.kind !== 'passage')).toEqual([]);
    const stored = sim.messages();
    expect(stored.map((m) => m.messageId).sort()).toEqual(rows.map((r) => r.messageId).sort());
    expect(stored.filter((m) => m.kind !== 'passage')).toEqual([]);
    expect(sim.heartbeats()[0]!.body).toMatchObject({ systemId: TEST_CREDENTIALS.appId });
    if (sim.url.startsWith('http')) {
      const overHttp = await (await fetch(`${sim.url}/sim/messages`)).json() as StoredMessage[];
      expect(overHttp.map((m) => m.messageId)).toEqual(stored.map((m) => m.messageId));
    }
    expect(readSyncLink(db)).toMatchObject({ lastHeartbeatError: null,
      clockOffsetMs: expect.any(Number) });
  });
});
