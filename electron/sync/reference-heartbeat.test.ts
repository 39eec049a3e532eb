// The reference profile's heartbeat (M7): the exact request it sends, and the simulator
// answering it, recording it apart from the messages, or refusing it as it refuses an upload.
import { createHash, createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../log/logger.ts';
import { startPlatformSim, type PlatformSim, type SimFaults } from '../sim/platform.ts';
import type { HeartbeatMessage } from './messages/heartbeat.ts';
import {
  encodeReferenceHeartbeat, HEARTBEAT_PATH, sendReferenceHeartbeat,
} from './reference-heartbeat.ts';
import { TEST_CREDENTIALS } from './test-support.ts';

const T0 = Date.UTC(2025, 0, 15, 2, 0, 0);
const HEARTBEAT_ID = '0b5c8a52-6d4e-4f3a-9c1b-2e7d9f0a1b2c';

const HEARTBEAT: HeartbeatMessage = {
  systemId: TEST_CREDENTIALS.appId, enterpriseCode: 'E130100000001', softwareVersion: '0.1.0',
  sentAt: T0, devices: [{ deviceId: 'cam-1', kind: 'camera', online: true, detail: null }],
  disk: { freeBytes: 500_000_000_000, totalBytes: 1_000_000_000_000 }, lastUploadAt: T0 - 9_000,
  pending: 3,
};

let sims: PlatformSim[];
beforeEach(() => {
  sims = [];
});
afterEach(async () => {
  await Promise.all(sims.map((s) => s.stop()));
});

async function startSim(faults: SimFaults = {}): Promise<PlatformSim> {
  const sim = await startPlatformSim({ ...TEST_CREDENTIALS, log: silentLogger(), now: () => T0,
    faults });
  sims.push(sim);
  return sim;
}

function beat(sim: PlatformSim, options: { secret?: string; sentAt?: number; message?: object }
  = {}) {
  const platform = { url: sim.url, appId: TEST_CREDENTIALS.appId,
    secret: options.secret ?? TEST_CREDENTIALS.secret };
  const message = (options.message ?? HEARTBEAT) as HeartbeatMessage;
  return sendReferenceHeartbeat(message, platform, { sentAt: options.sentAt ?? T0,
    timeoutMs: 5_000, signal: new AbortController().signal });
}

describe('the reference heartbeat', () => {
  it('is a signed POST of the upload envelope, kind heartbeat, to its own path', () => {
    const platform = { url: 'https://platform.example.cn/gate/', ...TEST_CREDENTIALS };

    const request = encodeReferenceHeartbeat(HEARTBEAT, platform, T0 + 2_000, HEARTBEAT_ID);

    expect(request.url).toBe('https://platform.example.cn/gate/api/v1/heartbeat');
    expect(request.body).toBe('{"appId":"gatehouse-test-gate",'
      + '"messageId":"0b5c8a52-6d4e-4f3a-9c1b-2e7d9f0a1b2c","kind":"heartbeat","data":'
      + '{"systemId":"gatehouse-test-gate","enterpriseCode":"E130100000001",'
      + '"softwareVersion":"0.1.0","sentAt":1736906400000,"devices":[{"deviceId":"cam-1",'
      + '"kind":"camera","online":true,"detail":null}],"disk":{"freeBytes":500000000000,'
      + '"totalBytes":1000000000000},"lastUploadAt":1736906391000,"pending":3}}');

    // The canonical string, built here by hand: method, path, timestamp, nonce, body hash.
    const nonce = request.headers['X-Gatehouse-Nonce']!;
    const canonical = ['POST', '/gate/api/v1/heartbeat', String(T0 + 2_000), nonce,
      createHash('sha256').update(request.body).digest('hex')].join('\n');
    expect(request.headers).toEqual({
      'Content-Type': 'application/json; charset=utf-8',
      'X-Gatehouse-App': 'gatehouse-test-gate',
      'X-Gatehouse-Timestamp': '1736906402000',
      'X-Gatehouse-Nonce': nonce,
      'X-Gatehouse-Signature':
        createHmac('sha256', TEST_CREDENTIALS.secret).update(canonical).digest('hex'),
    });
    expect(nonce).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('is answered, with the platform clock from the Date header, and kept apart', async () => {
    const sim = await startSim();

    expect(await beat(sim)).toEqual({ ok: true, platformTime: T0 + 500 });
    expect(await beat(sim)).toMatchObject({ ok: true });

    const beats = sim.heartbeats();
    expect(beats.map((b) => [b.receivedAt, b.body])).toEqual([[T0, HEARTBEAT], [T0, HEARTBEAT]]);
    expect(beats[0]!.id).not.toBe(beats[1]!.id);
    expect(sim.messages()).toEqual([]);
    expect(sim.stats()).toMatchObject({ acknowledged: 0, heartbeats: 2 });
    const overHttp = await fetch(`${sim.url}/sim/heartbeats`);
    expect(await overHttp.json()).toEqual(beats);
    expect(await (await fetch(`${sim.url}/sim/messages`)).json()).toEqual([]);
  });

  it('is refused like an upload: bad signature, stale clock, bad M7, injected 503', async () => {
    const sim = await startSim({ failNext: 1 });

    expect(await beat(sim)).toEqual({ ok: false,
      reason: 'retryable: code 503: platform unavailable (injected)' });
    expect(await beat(sim, { secret: 'another-secret-of-sixteen+' })).toEqual({ ok: false,
      reason: 'auth: code 401: bad signature' });
    expect(await beat(sim, { sentAt: T0 - 6 * 60_000 })).toEqual({ ok: false,
      reason: 'auth: code 401: stale timestamp' });
    expect(await beat(sim, { message: { ...HEARTBEAT, devices: 'all fine' } })).toEqual({
      ok: false, reason: 'rejected: code 400: invalid heartbeat: devices: '
        + 'Invalid input: expected array, received string' });

    expect(sim.heartbeats()).toEqual([]);
    expect(sim.stats()).toMatchObject({ heartbeats: 0, injectedFailures: 1,
      rejectedSignature: 1, rejectedTimestamp: 1, rejectedInvalid: 1 });
  });

  it('says why when nothing answers', async () => {
    const sim = await startSim();
    const url = sim.url;
    await sim.stop();
    sims = [];

    const platform = { url, ...TEST_CREDENTIALS };
    const answer = await sendReferenceHeartbeat(HEARTBEAT, platform,
      { sentAt: T0, timeoutMs: 5_000, signal: new AbortController().signal });

    expect(answer).toEqual({ ok: false, reason: 'retryable: network: ECONNREFUSED' });
    expect(HEARTBEAT_PATH).toBe('/api/v1/heartbeat');
  });
});
