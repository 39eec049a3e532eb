// The tcp-frames heartbeat (M7): the exact bytes of the frame the link sends once logged in,
// the platform's clock from its answer, and the simulator refusing a heartbeat before a login.
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../log/logger.ts';
import { startTcpFramesSim } from '../../sim/platform-tcp-frames.ts';
import type { HeartbeatMessage } from '../messages/heartbeat.ts';
import { TEST_CREDENTIALS } from '../test-support.ts';
import type { HeartbeatOutcome } from './heartbeat-loop.ts';
import { encodeFrame, FrameReader } from './tcp-frames/frames.ts';
import { createTcpFramesProfile } from './tcp-frames/profile.ts';

// 2025-01-15 10:00:00 in Shanghai.
const T0 = Date.UTC(2025, 0, 15, 2, 0, 0);

const HEARTBEAT: HeartbeatMessage = {
  systemId: TEST_CREDENTIALS.appId, enterpriseCode: 'E130100000001', softwareVersion: '0.1.0',
  sentAt: T0, devices: [{ deviceId: 'cam-1', kind: 'camera', online: true, detail: null }],
  disk: null, lastUploadAt: T0 - 9_000, pending: 0,
};

let stops: Array<() => Promise<void>>;
beforeEach(() => {
  stops = [];
});
afterEach(async () => {
  for (const stop of stops.reverse()) await stop();
});

/** A platform that takes any login and answers a heartbeat, keeping every byte it was sent. */
async function recordingPlatform(): Promise<{ url: string; bytes: () => Buffer }> {
  const chunks: Buffer[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    const reader = new FrameReader();
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      const read = reader.push(chunk);
      for (const frame of read.ok ? read.frames : []) {
        const type = (frame as { type: string }).type;
        if (type === 'login') socket.write(encodeFrame({ type: 'loginAck', result: 0 }));
        if (type === 'heartbeat') {
          socket.write(encodeFrame({ type: 'heartbeatAck', time: T0 + 2_000 }));
        }
      }
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  stops.push(() => new Promise((resolve) => {
    for (const socket of sockets) socket.destroy();
    server.close(() => resolve());
  }));
  const port = (server.address() as AddressInfo).port;
  return { url: `tcp://127.0.0.1:${port}`, bytes: () => Buffer.concat(chunks) };
}

function profileAt(url: string, outcomes: HeartbeatOutcome[], secret = TEST_CREDENTIALS.secret) {
  const profile = createTcpFramesProfile({ url, appId: TEST_CREDENTIALS.appId, secret }, {
    heartbeat: async () => HEARTBEAT, heartbeatMs: 60_000, now: () => T0, log: silentLogger(),
    reconnectLadderMs: [60_000], onHeartbeat: (o) => outcomes.push(o),
  });
  stops.push(() => profile.close());
}

describe('the tcp-frames heartbeat', () => {
  it('is one length-prefixed frame after the login, M7 in the table\'s words', async () => {
    const platform = await recordingPlatform();
    const outcomes: HeartbeatOutcome[] = [];

    profileAt(platform.url, outcomes);
    await vi.waitFor(() => expect(outcomes).toHaveLength(1), { timeout: 10_000, interval: 20 });

    const sent = platform.bytes();
    const afterLogin = sent.subarray(4 + sent.readUInt32BE(0));
    const json = '{"type":"heartbeat","time":"20250115100000","body":{"systemId":'
      + '"gatehouse-test-gate","enterpriseCode":"E130100000001","softwareVersion":"0.1.0",'
      + '"sentAt":"20250115100000","devices":[{"deviceId":"cam-1","kind":"camera",'
      + '"online":true,"detail":null}],"disk":null,"lastUploadAt":"20250115095951",'
      + '"pending":0}}';
    const header = Buffer.alloc(4);
    header.writeUInt32BE(Buffer.byteLength(json), 0);
    expect(afterLogin).toEqual(Buffer.concat([header, Buffer.from(json, 'utf8')]));
    expect(outcomes[0]).toEqual({ ok: true, sentAt: T0, answeredAt: T0,
      platformTime: T0 + 2_000 });
  });

  it('is refused by the simulator before a login, and never recorded', async () => {
    const sim = await startTcpFramesSim({ ...TEST_CREDENTIALS, log: silentLogger() });
    stops.push(() => sim.stop());
    const socket = connect({ host: '127.0.0.1', port: sim.port });
    const reader = new FrameReader();
    const answers: unknown[] = [];
    socket.on('data', (chunk: Buffer) => {
      const read = reader.push(chunk);
      if (read.ok) answers.push(...read.frames);
    });
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));

    socket.write(encodeFrame({ type: 'heartbeat', time: '20250115100000', body: HEARTBEAT }));
    await closed;

    expect(answers).toEqual([{ type: 'loginAck', result: 401, reason: 'log in first' }]);
    expect(sim.heartbeats()).toEqual([]);
    expect(sim.stats()).toMatchObject({ heartbeats: 0, rejectedAuth: 1 });
  });

  it('cannot go when the login is refused, and says so', async () => {
    const sim = await startTcpFramesSim({ ...TEST_CREDENTIALS, log: silentLogger(),
      now: () => T0 });
    stops.push(() => sim.stop());
    const outcomes: HeartbeatOutcome[] = [];

    profileAt(sim.url, outcomes, 'another-secret-of-sixteen+');
    await vi.waitFor(() => expect(outcomes).toHaveLength(1), { timeout: 10_000, interval: 20 });

    expect(outcomes[0]).toEqual({ ok: false, sentAt: T0,
      reason: 'no link: login refused: 401: bad sign' });
    expect(sim.heartbeats()).toEqual([]);
  });
});
