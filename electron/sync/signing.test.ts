import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  MAX_CLOCK_SKEW_MS, NonceCache, SIGNATURE_HEADERS, signRequest, verifyRequest,
} from './signing.ts';
import { TEST_CREDENTIALS } from './test-support.ts';

const NOW = Date.UTC(2025, 0, 15, 2, 0, 0);
const PATH = '/api/v1/passages';
const BODY = JSON.stringify({ appId: TEST_CREDENTIALS.appId, messageId: 'm-1', data: { a: 1 } });

function signed(now = NOW, nonce?: string) {
  const headers = signRequest({ method: 'POST', path: PATH, body: BODY, now, nonce },
    TEST_CREDENTIALS);
  return { method: 'POST', path: PATH, headers, body: BODY };
}

describe('request signing', () => {
  it('verifies what it signed, with Node-style lower-case headers too', () => {
    const request = signed();
    const lowered = Object.fromEntries(
      Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v]),
    );

    expect(verifyRequest(request, TEST_CREDENTIALS, NOW)).toEqual({
      ok: true, appId: TEST_CREDENTIALS.appId,
    });
    expect(verifyRequest({ ...request, headers: lowered }, TEST_CREDENTIALS, NOW).ok).toBe(true);
    expect(request.headers[SIGNATURE_HEADERS.signature]).toMatch(/^[0-9a-f]{64}$/);
    expect(request.headers[SIGNATURE_HEADERS.timestamp]).toBe(String(NOW));
  });

  it('refuses a changed body, path or method as a bad signature', () => {
    const request = signed();

    const changedBody = { ...request, body: BODY.replace('"a":1', '"a":2') };
    const changedPath = { ...request, path: '/api/v1/vehicles' };
    const changedMethod = { ...request, method: 'PUT' };
    for (const tampered of [changedBody, changedPath, changedMethod]) {
      expect(verifyRequest(tampered, TEST_CREDENTIALS, NOW)).toEqual({
        ok: false, reason: 'bad-signature',
      });
    }
  });

  it('refuses a signature made with another secret or claimed by another app', () => {
    const request = signed();
    const otherSecret = { ...TEST_CREDENTIALS, secret: 'another-secret-0123456789abcdef' };
    const otherApp = { ...TEST_CREDENTIALS, appId: 'someone-else' };

    const refused = { ok: false, reason: 'bad-signature' };
    expect(verifyRequest(request, otherSecret, NOW)).toEqual(refused);
    expect(verifyRequest(request, otherApp, NOW)).toEqual(refused);
  });

  it('accepts a clock five minutes off and refuses one a millisecond further', () => {
    const atEdgePast = signed(NOW - MAX_CLOCK_SKEW_MS);
    const atEdgeFuture = signed(NOW + MAX_CLOCK_SKEW_MS);
    const pastEdge = signed(NOW - MAX_CLOCK_SKEW_MS - 1);
    const futureEdge = signed(NOW + MAX_CLOCK_SKEW_MS + 1);

    expect(MAX_CLOCK_SKEW_MS).toBe(300_000);
    expect(verifyRequest(atEdgePast, TEST_CREDENTIALS, NOW).ok).toBe(true);
    expect(verifyRequest(atEdgeFuture, TEST_CREDENTIALS, NOW).ok).toBe(true);
    expect(verifyRequest(pastEdge, TEST_CREDENTIALS, NOW)).toEqual({
      ok: false, reason: 'stale-timestamp',
    });
    expect(verifyRequest(futureEdge, TEST_CREDENTIALS, NOW)).toEqual({
      ok: false, reason: 'stale-timestamp',
    });
  });

  it('refuses a request missing any of the four headers, or with a malformed timestamp', () => {
    const request = signed();

    for (const name of Object.values(SIGNATURE_HEADERS)) {
      const headers: Record<string, string> = { ...request.headers };
      delete headers[name];
      expect(verifyRequest({ ...request, headers }, TEST_CREDENTIALS, NOW)).toEqual({
        ok: false, reason: 'missing-header',
      });
    }
    const badTime = { ...request.headers, [SIGNATURE_HEADERS.timestamp]: '2025-01-15' };
    expect(verifyRequest({ ...request, headers: badTime }, TEST_CREDENTIALS, NOW)).toEqual({
      ok: false, reason: 'missing-header',
    });
  });

  it('refuses the same nonce twice inside the window', () => {
    const nonces = new NonceCache();
    const first = signed(NOW, 'nonce-1');
    const replay = signed(NOW, 'nonce-1');
    const fresh = signed(NOW, 'nonce-2');

    expect(verifyRequest(first, TEST_CREDENTIALS, NOW, nonces).ok).toBe(true);
    expect(verifyRequest(replay, TEST_CREDENTIALS, NOW + 1_000, nonces)).toEqual({
      ok: false, reason: 'replayed-nonce',
    });
    expect(verifyRequest(fresh, TEST_CREDENTIALS, NOW + 1_000, nonces).ok).toBe(true);
  });

  it('forgets nonces once their timestamps have left the window', () => {
    const nonces = new NonceCache();
    for (let i = 0; i < 100; i++) nonces.remember(`n-${i}`, NOW, NOW);

    nonces.remember('later', NOW + MAX_CLOCK_SKEW_MS + 60_000, NOW + MAX_CLOCK_SKEW_MS + 60_000);

    expect(nonces.size).toBe(1);
  });

  it('round-trips any body and path, and any changed byte breaks it', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 512 }),
        fc.webPath(),
        fc.nat(),
        (body, path, flipAt) => {
          const headers = signRequest({ method: 'POST', path, body, now: NOW }, TEST_CREDENTIALS);
          const request = { method: 'POST', path, headers, body };
          expect(verifyRequest(request, TEST_CREDENTIALS, NOW).ok).toBe(true);

          const changed = Uint8Array.from(body);
          changed[flipAt % changed.length] ^= 0xff;
          const tampered = { ...request, body: changed };
          expect(verifyRequest(tampered, TEST_CREDENTIALS, NOW)).toEqual({
            ok: false, reason: 'bad-signature',
          });
        },
      ),
    );
  });
});
