// The alert downlink (M6) of the http-token and tcp-frames profiles against their simulators
// over real sockets: the city publishes a control measure, the gate takes it as an alert in our
// codes and Shanghai times, once, and leaves measures announced for other enterprises.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PlatformAlert } from '../../alerts/alert-repository.ts';
import { AlertService } from '../../alerts/alert-service.ts';
import { openDatabase, type Db } from '../../db/database.ts';
import { silentLogger } from '../../log/logger.ts';
import { startHttpTokenSim, type HttpTokenSim } from '../../sim/platform-http-token.ts';
import { SIM_MEASURES_PATH } from '../../sim/platform-measures.ts';
import { startTcpFramesSim, type TcpFramesSim } from '../../sim/platform-tcp-frames.ts';
import type { ControlMeasure } from '../downlink-measures.ts';
import type { HeartbeatMessage } from '../messages/heartbeat.ts';
import { TEST_CREDENTIALS } from '../test-support.ts';
import { createPlatformProfile } from './create-profile.ts';
import { createHttpTokenProfile } from './http-token/profile.ts';
import { HTTP_TOKEN_CODES, signFields } from './http-token/wire.ts';
import type { PlatformProfile } from './profile.ts';
import { createTcpFramesProfile } from './tcp-frames/profile.ts';

const ENTERPRISE = 'E410100000001';
const sh = (y: number, mo: number, d: number, h = 0, mi = 0) =>
  Date.UTC(y, mo - 1, d, h, mi) - 8 * 3_600_000;

/** A poll every 30 ms: the tests wait for a few rounds, not for five minutes. */
const TEST_POLL_MS = 30;

const orange: ControlMeasure = {
  id: 'hn-2025-007', entNo: ENTERPRISE, startTime: '2025-01-16 00:00:00',
  endTime: '2025-01-18 12:00:00', warningLevel: '橙色预警', respondLevel: 'II级',
  controlMeasures: '国四及以下重型柴油货车禁止通行；运输量削减50%',
};
const forAnother: ControlMeasure = { ...orange, id: 'hn-2025-008', entNo: 'E130100000009' };

const expectedOrange = {
  platformId: 'hn-2025-007', level: 'orange', response: 'II', source: 'platform',
  startsAt: sh(2025, 1, 16), endsAt: sh(2025, 1, 18, 12),
  measure: '国四及以下重型柴油货车禁止通行；运输量削减50%',
};

let db: Db;
let alerts: AlertService;
let outcomes: string[];
let closers: (() => Promise<void>)[];

beforeEach(() => {
  db = openDatabase(':memory:');
  alerts = new AlertService({ db, log: silentLogger() });
  outcomes = [];
  closers = [];
});
afterEach(async () => {
  for (const close of closers.reverse()) await close();
  db.close();
});

/** The host's wiring: every announcement goes to the alerts module, deduped by platform id. */
function startDownlink(profile: PlatformProfile): void {
  closers.push(() => profile.close());
  profile.downlink!.start({ enterpriseCode: ENTERPRISE, pollMs: TEST_POLL_MS,
    take: (taken: PlatformAlert[]) => {
      const counts = alerts.takeFromPlatform(taken);
      outcomes.push(`added ${counts.added}, updated ${counts.updated}`);
    } });
  closers.push(() => profile.downlink!.stop());
}

describe('the downlink of every profile', () => {
  it('is offered by each profile a site can name, so the host needs no case per profile',
    async () => {
      const urls = { 'reference': 'http://127.0.0.1:9', 'http-token': 'http://127.0.0.1:9',
        'tcp-frames': 'tcp://127.0.0.1:9' } as const;
      for (const [name, url] of Object.entries(urls)) {
        const profile = createPlatformProfile(
          { profile: name as keyof typeof urls, url, ...TEST_CREDENTIALS },
          { log: silentLogger(), heartbeat: async () => ({} as HeartbeatMessage) });
        expect(profile.downlink, name).toBeDefined();
        await profile.close();
      }
    });
});

describe('the http-token downlink', () => {
  async function startSim(): Promise<HttpTokenSim> {
    const sim = await startHttpTokenSim({ ...TEST_CREDENTIALS, log: silentLogger() });
    closers.push(() => sim.stop());
    return sim;
  }

  const gate = (sim: HttpTokenSim) => createHttpTokenProfile({ url: sim.url, ...TEST_CREDENTIALS });

  async function publish(sim: HttpTokenSim, measure: ControlMeasure): Promise<number> {
    const response = await fetch(sim.url + SIM_MEASURES_PATH, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(measure),
    });
    return response.status;
  }

  it('takes the orange II measure once, in our codes and times, and leaves another\'s',
    async () => {
      const sim = await startSim();
      expect(await publish(sim, orange)).toBe(200);
      expect(await publish(sim, forAnother)).toBe(200);

      startDownlink(gate(sim));
      await vi.waitFor(() => expect(outcomes.length).toBeGreaterThanOrEqual(3));

      expect(alerts.list(10)).toEqual([expect.objectContaining(expectedOrange)]);
      expect(outcomes.slice(0, 3)).toEqual(
        ['added 1, updated 0', 'added 0, updated 0', 'added 0, updated 0']);
    });

  it('follows a moved end, and logs in again once when its token was replaced', async () => {
    const sim = await startSim();
    sim.publishControlMeasure(orange);
    const gated = gate(sim);
    startDownlink(gated);
    await vi.waitFor(() => expect(alerts.list(10)).toHaveLength(1));

    // Another login for the same app (a second gate PC) replaces this gate's token.
    await logInElsewhere(sim);
    sim.publishControlMeasure({ ...orange, endTime: '2025-01-19 00:00:00' });
    await vi.waitFor(() => expect(outcomes).toContain('added 0, updated 1'));

    expect(alerts.list(10)).toEqual([expect.objectContaining({ ...expectedOrange,
      endsAt: sh(2025, 1, 19) })]);
    expect(gated.loginCount).toBe(2);
    expect(sim.stats().expiredTokens).toBeGreaterThanOrEqual(1);
  });

  it('asks with a token only: a poll without a live one is refused', async () => {
    const sim = await startSim();
    sim.publishControlMeasure(orange);
    const fields = { appId: TEST_CREDENTIALS.appId, token: 'not-a-token',
      timestamp: String(Date.now()), nonce: randomUUID() };
    const body = { ...fields, sign: signFields(fields, TEST_CREDENTIALS.secret) };

    const reply = await postJson(sim.url + '/api/v2/alert/measures', body);
    expect(reply).toMatchObject({ resultCode: HTTP_TOKEN_CODES.tokenUnknown });
    expect(reply).not.toHaveProperty('data');
  });
});

async function logInElsewhere(sim: HttpTokenSim): Promise<void> {
  const fields = { appId: TEST_CREDENTIALS.appId, timestamp: String(Date.now()),
    nonce: randomUUID() };
  const reply = await postJson(sim.url + '/api/v2/auth/login',
    { ...fields, sign: signFields(fields, TEST_CREDENTIALS.secret) });
  expect(reply).toMatchObject({ resultCode: HTTP_TOKEN_CODES.ok });
}

async function postJson(url: string, body: unknown): Promise<unknown> {
  const response = await fetch(url, { method: 'POST', body: JSON.stringify(body),
    headers: { 'Content-Type': 'application/json' } });
  return response.json();
}

describe('the tcp-frames downlink', () => {
  async function startSim(): Promise<TcpFramesSim> {
    const sim = await startTcpFramesSim({ ...TEST_CREDENTIALS, log: silentLogger() });
    closers.push(() => sim.stop());
    return sim;
  }

  const heartbeat = async (): Promise<HeartbeatMessage> => ({
    systemId: TEST_CREDENTIALS.appId, enterpriseCode: ENTERPRISE, softwareVersion: '0.1.0',
    sentAt: Date.now(), devices: [], disk: { freeBytes: 5e11, totalBytes: 1e12 },
    lastUploadAt: null, pending: 0,
  });

  const gate = (sim: TcpFramesSim) => createTcpFramesProfile({ url: sim.url,
    ...TEST_CREDENTIALS }, { heartbeat, log: silentLogger(), reconnectLadderMs: [50] });

  it('takes a pushed orange II measure once, acks every push, and leaves another\'s',
    async () => {
      const sim = await startSim();
      startDownlink(gate(sim));
      await vi.waitFor(() => expect(sim.sessions()).toBe(1));

      sim.publishControlMeasure(orange);
      await vi.waitFor(() => expect(alerts.list(10)).toHaveLength(1));
      sim.publishControlMeasure(orange);
      sim.publishControlMeasure(forAnother);
      await vi.waitFor(() => expect(sim.measureAcks()).toHaveLength(3));
      await vi.waitFor(() => expect(outcomes).toHaveLength(3));

      expect(alerts.list(10)).toEqual([expect.objectContaining(expectedOrange)]);
      expect(outcomes).toEqual(
        ['added 1, updated 0', 'added 0, updated 0', 'added 0, updated 0']);
    });

  it('gets the measures in force when it logs in, and follows a moved end', async () => {
    const sim = await startSim();
    sim.publishControlMeasure(orange);
    startDownlink(gate(sim));
    await vi.waitFor(() => expect(alerts.list(10)).toHaveLength(1));

    sim.publishControlMeasure({ ...orange, endTime: '2025-01-19 00:00:00' });
    await vi.waitFor(() => expect(outcomes).toContain('added 0, updated 1'));
    expect(alerts.list(10)).toEqual([expect.objectContaining({ ...expectedOrange,
      endsAt: sh(2025, 1, 19) })]);
  });
});
