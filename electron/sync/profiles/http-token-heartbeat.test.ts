// The http-token profile's heartbeat (M7): the exact envelope it posts with the uploads' token,
// and its simulator answering it with the platform's clock, recording it apart from the
// messages, or refusing it as it refuses an upload.
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../log/logger.ts';
import { readBody } from '../../sim/sim-body.ts';
import {
  startHttpTokenSim, type HttpTokenSim, type HttpTokenSimOptions,
} from '../../sim/platform-http-token.ts';
import type { HeartbeatMessage } from '../messages/heartbeat.ts';
import { TEST_CREDENTIALS } from '../test-support.ts';
import { loadPlatformTable } from './code-tables.ts';
import type { HeartbeatOutcome } from './heartbeat-loop.ts';
import { httpTokenHeartbeat } from './http-token/heartbeat.ts';
import { createHttpTokenProfile, HTTP_TOKEN_PROFILE } from './http-token/profile.ts';
import { TokenSession } from './http-token/session.ts';
import type { PlatformProfile } from './profile.ts';

// 2025-01-15 10:00:00 in Shanghai. Gate and platform share this fake clock.
const T0 = Date.UTC(2025, 0, 15, 2, 0, 0);
const now = () => T0;

const HEARTBEAT: HeartbeatMessage = {
  systemId: TEST_CREDENTIALS.appId, enterpriseCode: 'E130100000001', softwareVersion: '0.1.0',
  sentAt: T0, devices: [{ deviceId: 'cam-1', kind: 'camera', online: true, detail: null }],
  disk: { freeBytes: 5e11, totalBytes: 1e12 }, lastUploadAt: T0 - 9_000, pending: 3,
};

/** M7 in the profile's codes: instants as its local `yyyy-MM-dd HH:mm:ss`. */
const CODED = { ...HEARTBEAT, sentAt: '2025-01-15 10:00:00', lastUploadAt: '2025-01-15 09:59:51' };

let stops: Array<() => Promise<void>>;
beforeEach(() => {
  stops = [];
});
afterEach(async () => {
  for (const stop of stops.reverse()) await stop();
});

async function startSim(extra: Partial<HttpTokenSimOptions> = {}): Promise<HttpTokenSim> {
  const sim = await startHttpTokenSim({ ...TEST_CREDENTIALS, log: silentLogger(), now, ...extra });
  stops.push(() => sim.stop());
  return sim;
}

/** A profile sending its first heartbeat at once (the next a minute later, after the test). */
async function firstOutcome(url: string, secret = TEST_CREDENTIALS.secret):
  Promise<HeartbeatOutcome> {
  const outcomes: HeartbeatOutcome[] = [];
  const profile: PlatformProfile = createHttpTokenProfile({ url, appId: TEST_CREDENTIALS.appId,
    secret }, { now, heartbeat: async () => HEARTBEAT, onHeartbeat: (o) => outcomes.push(o) });
  stops.push(() => profile.close());
  await vi.waitFor(() => expect(outcomes).toHaveLength(1), { timeout: 10_000, interval: 20 });
  return outcomes[0]!;
}

interface Captured {
  path: string;
  body: string;
}

/** A platform that logs in anyone and answers heartbeats, keeping the bytes it was sent. */
async function capturingPlatform(): Promise<{ url: string; captured: Captured[] }> {
  const captured: Captured[] = [];
  const server: Server = createServer((req, res) => {
    void readBody(req, 1 << 20).then((bytes) => {
      const body = bytes!.toString('utf8');
      captured.push({ path: req.url ?? '', body });
      const reply = req.url === '/api/v2/auth/login'
        ? { resultCode: 0, data: { token: 'tok-1', expiresIn: 7200 } }
        : { resultCode: 0, data: { msgId: (JSON.parse(body) as { msgId: string }).msgId,
          serverTime: T0 + 3_000 } };
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(reply));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  stops.push(() => new Promise((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, captured };
}

describe('the http-token heartbeat', () => {
  it('posts an upload envelope of type HEARTBEAT, signed, with the uploads\' token', async () => {
    const platform = await capturingPlatform();

    const outcome = await firstOutcome(platform.url);

    expect(outcome).toEqual({ ok: true, sentAt: T0, answeredAt: T0, platformTime: T0 + 3_000 });
    expect(platform.captured.map((c) => c.path))
      .toEqual(['/api/v2/auth/login', '/api/v2/data/heartbeat']);
    const sent = JSON.parse(platform.captured[1]!.body) as Record<string, string>;
    const fields: Record<string, string> = { appId: 'gatehouse-test-gate', token: 'tok-1',
      timestamp: '1736906400000', nonce: sent.nonce!, msgType: 'HEARTBEAT', msgId: sent.msgId!,
      bizContent: JSON.stringify(CODED) };
    const canonical = Object.keys(fields).sort().map((k) => `${k}=${fields[k]}`).join('&');
    const sign = createHmac('sha256', TEST_CREDENTIALS.secret).update(canonical).digest('hex')
      .toUpperCase();
    expect(platform.captured[1]!.body).toBe(JSON.stringify({ ...fields, sign }));
  });

  it('is answered by the simulator, recorded apart from the messages', async () => {
    const sim = await startSim();

    const outcome = await firstOutcome(sim.url);

    expect(outcome).toEqual({ ok: true, sentAt: T0, answeredAt: T0, platformTime: T0 });
    expect(sim.heartbeats()).toEqual([{ receivedAt: T0, id: expect.any(String),
      time: String(T0), body: CODED }]);
    expect(sim.messages()).toEqual([]);
    expect(sim.stats()).toMatchObject({ acknowledged: 0, heartbeats: 1, logins: 1 });
    expect(await (await fetch(`${sim.url}/sim/heartbeats`)).json()).toEqual(sim.heartbeats());
  });

  it('is refused: a wrong secret at login, an injected 5xx', async () => {
    const sim = await startSim({ faults: { failNext: 1 } });

    expect(await firstOutcome(sim.url)).toEqual({ ok: false, sentAt: T0,
      reason: 'retryable: code 5000: busy (injected)' });
    expect(await firstOutcome(sim.url, 'another-secret-of-sixteen+')).toEqual({ ok: false,
      sentAt: T0, reason: 'auth: login refused: code 1003: bad sign' });
    expect(sim.heartbeats()).toEqual([]);
    expect(sim.stats()).toMatchObject({ heartbeats: 0, injectedFailures: 1, rejectedAuth: 1 });
  });

  it('replaces a token the platform no longer takes with one login, then is answered',
    async () => {
      const sim = await startSim();
      const endpoint = { url: sim.url, ...TEST_CREDENTIALS };
      const table = loadPlatformTable(HTTP_TOKEN_PROFILE);
      const session = new TokenSession(endpoint, table, table.paths!.login!);
      const ctx = { sentAt: T0, timeoutMs: 5_000, signal: new AbortController().signal };
      await session.current(ctx);
      // Another login (a second gate PC with the same app id) replaces the session's token.
      await new TokenSession(endpoint, table, table.paths!.login!).current(ctx);

      const send = httpTokenHeartbeat({ endpoint, table, session, path: '/api/v2/data/heartbeat' });

      expect(await send(HEARTBEAT, ctx)).toEqual({ ok: true, platformTime: T0 });
      expect(session.loginCount).toBe(2);
      expect(sim.stats()).toMatchObject({ logins: 3, expiredTokens: 1, heartbeats: 1 });
    });
});
