import { describe, expect, it } from 'vitest';
import { referenceWire, type ReferenceEnvelope } from './reference-profile.ts';
import { SIGNATURE_HEADERS, verifyRequest } from './signing.ts';
import { passageFixture, TEST_CREDENTIALS } from './test-support.ts';

const T0 = Date.UTC(2025, 0, 15, 2, 0, 0);
const PLATFORM = { url: 'https://platform.example.cn/gate/', ...TEST_CREDENTIALS };
const MESSAGE_ID = '6f1c1f1e-4c1a-4d5e-9a39-0c6a1e0f8b11';

function ackBody(code: number, extra: object = {}): string {
  return JSON.stringify({ code, msg: code === 200 ? 'ok' : 'refused', ...extra });
}

describe('the reference platform profile', () => {
  it('posts a passage as a signed JSON envelope under the platform\'s base path', () => {
    const passage = passageFixture({ plate: '冀A12345', direction: 1, passedAtMs: T0 });
    const message = { messageId: MESSAGE_ID, kind: 'passage', payload: passage };

    const request = referenceWire.encode(message, PLATFORM, T0 + 2_000)!;

    expect(request.url).toBe('https://platform.example.cn/gate/api/v1/passages');
    expect(request.method).toBe('POST');
    expect(JSON.parse(request.body) as ReferenceEnvelope).toEqual({
      appId: TEST_CREDENTIALS.appId, messageId: MESSAGE_ID, kind: 'passage', data: passage,
    });
    expect(request.headers[SIGNATURE_HEADERS.timestamp]).toBe(String(T0 + 2_000));
    const received = { ...request, path: '/gate/api/v1/passages' };
    expect(verifyRequest(received, TEST_CREDENTIALS, T0 + 2_000).ok).toBe(true);
  });

  it('marks a passage sent more than a minute late as back-filled', () => {
    const passage = passageFixture({ plate: '冀A12345', direction: 1, passedAtMs: T0 });
    const message = { messageId: MESSAGE_ID, kind: 'passage', payload: passage };

    const late = referenceWire.encode(message, PLATFORM, T0 + 61_000)!;

    expect((JSON.parse(late.body) as { data: { backfill: boolean } }).data.backfill).toBe(true);
  });

  it('has no outbox route for a heartbeat: it goes on its own timer, never queued', () => {
    const message = { messageId: MESSAGE_ID, kind: 'heartbeat', payload: {} };

    expect(referenceWire.encode(message, PLATFORM, T0)).toBeNull();
  });

  it('takes code 200 naming our message id as the acknowledgement', () => {
    const fresh = ackBody(200, { data: { messageId: MESSAGE_ID, duplicate: false } });
    const repeat = ackBody(200, { data: { messageId: MESSAGE_ID, duplicate: true } });
    const other = ackBody(200, { data: { messageId: 'someone-else' } });

    const classify = (body: string) => referenceWire.classify(200, body, MESSAGE_ID);

    expect(classify(fresh)).toEqual({ ok: true, duplicate: false });
    expect(classify(repeat)).toEqual({ ok: true, duplicate: true });
    expect(classify(other)).toEqual({
      ok: false, failure: 'retryable', reason: 'reply without our message id',
    });
  });

  it('classifies refusals: 401 auth, other 4xx rejected, 5xx and 429 retryable', () => {
    const cases: [number, string, string, string][] = [
      [401, ackBody(401, { msg: 'bad signature' }), 'auth', 'code 401: bad signature'],
      [200, ackBody(401, { msg: 'stale timestamp' }), 'auth', 'code 401: stale timestamp'],
      [400, ackBody(400, { msg: 'invalid passage' }), 'rejected', 'code 400: invalid passage'],
      [200, ackBody(422, { msg: 'no entry' }), 'rejected', 'code 422: no entry'],
      [503, ackBody(503, { msg: 'maintenance' }), 'retryable', 'code 503: maintenance'],
      [429, ackBody(429, { msg: 'slow down' }), 'retryable', 'code 429: slow down'],
      [404, '<html>Not Found</html>', 'retryable', 'HTTP 404 without a platform reply'],
      [502, '', 'retryable', 'HTTP 502 without a platform reply'],
    ];

    for (const [status, body, failure, reason] of cases) {
      expect(referenceWire.classify(status, body, MESSAGE_ID)).toEqual({
        ok: false, failure, reason,
      });
    }
  });
});
