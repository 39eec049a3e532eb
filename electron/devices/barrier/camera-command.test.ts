// Opening the barrier through the camera's own relay: Hikvision ISAPI and Dahua CGI commands
// with HTTP Digest, against simulators that challenge first and check the answer.
import { afterEach, describe, expect, it } from 'vitest';
import { cameraCommandBarrier } from '../../config/device-config.ts';
import { silentLogger } from '../../log/logger.ts';
import { startCameraRelay, type CameraRelay, type RelayVendor } from '../../sim/camera-relay.ts';
import { createBarrier } from './barrier.ts';
import { authorizationFor, parseChallenge } from './digest.ts';

const log = silentLogger();
const relays: CameraRelay[] = [];

afterEach(async () => {
  for (const relay of relays.splice(0)) await relay.close();
});

async function relayOf(vendor: RelayVendor): Promise<CameraRelay> {
  const relay = await startCameraRelay({ vendor, username: 'admin', password: 'gate-1234', log });
  relays.push(relay);
  return relay;
}

function barrierFor(relay: CameraRelay, vendor: RelayVendor, password = 'gate-1234') {
  const config = cameraCommandBarrier.parse({ kind: 'camera-command', vendor, url: relay.url,
    username: 'admin', password });
  return createBarrier(config, log);
}

describe('HTTP Digest', () => {
  it('answers the RFC 2617 example challenge with its published response', () => {
    const challenge = parseChallenge('Digest realm="testrealm@host.com", qop="auth,auth-int", ' +
      'nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41"');

    const header = authorizationFor(challenge!, { username: 'Mufasa',
      password: 'Circle Of Life' }, 'GET', '/dir/index.html', 1, '0a4f113b');

    expect(challenge).toMatchObject({ realm: 'testrealm@host.com', qop: 'auth',
      algorithm: 'MD5' });
    expect(header).toContain('response="6629fae49393a05397450978507c4ef1"');
    expect(header).toContain('nc=00000001, cnonce="0a4f113b"');
    expect(header).toContain('opaque="5ccc069c403ebaf9f0171e9517f40e41"');
  });

  it('does not take a Basic challenge for a Digest one', () => {
    expect(parseChallenge('Basic realm="camera"')).toBeNull();
    expect(parseChallenge(undefined)).toBeNull();
  });
});

describe('a barrier on the camera relay', () => {
  it('opens a Hikvision barrier with ISAPI barrierGate ctrlMode open', async () => {
    const relay = await relayOf('hikvision');
    const barrier = barrierFor(relay, 'hikvision');

    expect(await barrier.open()).toEqual({ ok: true });

    expect(relay.challenges).toBe(1);
    expect(relay.commands.map((c) => [c.vendor, c.channel, c.action])).toEqual([
      ['hikvision', 1, 'open'],
    ]);
    await barrier.close();
  });

  it('opens a Dahua barrier with trafficSnap openStrobe', async () => {
    const relay = await relayOf('dahua');
    const barrier = barrierFor(relay, 'dahua');

    expect(await barrier.open()).toEqual({ ok: true });

    expect(relay.commands.map((c) => [c.vendor, c.channel, c.action])).toEqual([
      ['dahua', 1, 'open'],
    ]);
    await barrier.close();
  });

  it('reports a wrong password without trying again (cameras lock the account)', async () => {
    const relay = await relayOf('hikvision');
    const barrier = barrierFor(relay, 'hikvision', 'wrong');

    const result = await barrier.open();

    expect(result).toEqual({ ok: false, failure: 'refused',
      error: 'the camera refused the user name or password (HTTP 401 after Digest)' });
    expect(relay.challenges).toBe(2);
    expect(relay.commands).toEqual([]);
    await barrier.close();
  });

  it('makes two opens at once one command: the relay pulses once', async () => {
    const relay = await relayOf('dahua');
    const barrier = barrierFor(relay, 'dahua');

    const results = await Promise.all([barrier.open(), barrier.open()]);

    expect(results).toEqual([{ ok: true }, { ok: true }]);
    expect(relay.commands).toHaveLength(1);
    await barrier.close();
  });

  it('names the camera when it cannot be reached', async () => {
    const relay = await relayOf('dahua');
    const url = relay.url;
    await relays.pop()!.close();
    const config = cameraCommandBarrier.parse({ kind: 'camera-command', vendor: 'dahua', url,
      username: 'admin', password: 'x' });
    const barrier = createBarrier(config, log);

    const result = await barrier.open();

    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(
      new RegExp(`^the camera at ${url} did not take the barrier command: .*ECONNREFUSED`));
    await barrier.close();
  });
});
