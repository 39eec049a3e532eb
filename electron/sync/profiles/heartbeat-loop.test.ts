// The HTTP profiles' heartbeat loop: a fresh heartbeat each tick, a failure logged and followed
// by the next tick's heartbeat (never a resend of the old one), no overlap, and a clean stop.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRootLogger, LogRing } from '../../log/logger.ts';
import type { HeartbeatMessage } from '../messages/heartbeat.ts';
import { HeartbeatLoop, type HeartbeatAnswer, type HeartbeatOutcome } from './heartbeat-loop.ts';

const T0 = Date.UTC(2025, 0, 15, 2, 0, 0);
const WARN = 40;

let loops: HeartbeatLoop[] = [];
afterEach(async () => {
  await Promise.all(loops.map((l) => l.stop()));
  loops = [];
});

/** Heartbeats numbered by `pending`, so each one sent can be told from the others. */
function numbered(): () => Promise<HeartbeatMessage> {
  let n = 0;
  return async () => ({ systemId: 'gate', enterpriseCode: 'E1', softwareVersion: '0.1.0',
    sentAt: T0, devices: [], disk: null, lastUploadAt: null, pending: n++ });
}

describe('the heartbeat loop', () => {
  it('sends a fresh heartbeat each tick; failures are logged once, recovery once', async () => {
    const ring = new LogRing();
    const answers: HeartbeatAnswer[] = [
      { ok: false, reason: 'retryable: network: ECONNREFUSED' },
      { ok: false, reason: 'retryable: network: ECONNREFUSED' },
      { ok: true, platformTime: T0 + 1_500 },
    ];
    const sent: number[] = [];
    const outcomes: HeartbeatOutcome[] = [];
    const loop = new HeartbeatLoop({
      intervalMs: 10, build: numbered(), now: () => T0, log: createRootLogger({ ring }),
      send: async (message) => {
        sent.push(message.pending);
        return answers[sent.length - 1] ?? { ok: true };
      },
      onOutcome: (o) => outcomes.push(o),
    });
    loops.push(loop);

    loop.start();
    await vi.waitFor(() => expect(outcomes.length).toBeGreaterThanOrEqual(3),
      { timeout: 5_000, interval: 10 });
    await loop.stop();

    expect(outcomes.slice(0, 3)).toEqual([
      { ok: false, sentAt: T0, reason: 'retryable: network: ECONNREFUSED' },
      { ok: false, sentAt: T0, reason: 'retryable: network: ECONNREFUSED' },
      { ok: true, sentAt: T0, answeredAt: T0, platformTime: T0 + 1_500 },
    ]);
    expect(sent.slice(0, 3)).toEqual([0, 1, 2]);
    expect(ring.recent(WARN).map((l) => l.msg))
      .toEqual(['heartbeat failed; next one at the next tick']);
    expect(ring.recent().map((l) => l.msg)).toContain('platform answering heartbeats again');
  });

  it('reports a heartbeat that could not be built, and goes on', async () => {
    const outcomes: HeartbeatOutcome[] = [];
    let builds = 0;
    const loop = new HeartbeatLoop({
      intervalMs: 10, now: () => T0, log: createRootLogger(),
      build: async () => {
        builds++;
        if (builds === 1) throw new Error('disk unreadable');
        return numbered()();
      },
      send: async () => ({ ok: true }),
      onOutcome: (o) => outcomes.push(o),
    });
    loops.push(loop);

    loop.start();
    await vi.waitFor(() => expect(outcomes.length).toBeGreaterThanOrEqual(2),
      { timeout: 5_000, interval: 10 });

    expect(outcomes.slice(0, 2)).toEqual([
      { ok: false, sentAt: T0, reason: 'not built: disk unreadable' },
      { ok: true, sentAt: T0, answeredAt: T0, platformTime: undefined },
    ]);
  });

  it('never overlaps: a slow answer holds the next tick; stop() aborts the one in flight',
    async () => {
      let inFlight = 0;
      let most = 0;
      let calls = 0;
      const outcomes: HeartbeatOutcome[] = [];
      const loop = new HeartbeatLoop({
        intervalMs: 5, build: numbered(), log: createRootLogger(),
        send: (_message, ctx) => new Promise<HeartbeatAnswer>((resolve) => {
          calls++;
          inFlight++;
          most = Math.max(most, inFlight);
          let settled = false;
          const done = (answer: HeartbeatAnswer) => {
            if (settled) return;
            settled = true;
            inFlight--;
            resolve(answer);
          };
          if (calls < 3) setTimeout(() => done({ ok: true }), 30);
          ctx.signal.addEventListener('abort', () => done({ ok: false, reason: 'stopped' }));
        }),
        onOutcome: (o) => outcomes.push(o),
      });

      loop.start();
      await vi.waitFor(() => expect(calls).toBe(3), { timeout: 5_000, interval: 5 });
      await loop.stop();

      expect(most).toBe(1);
      expect(inFlight).toBe(0);
      expect(outcomes.map((o) => o.ok)).toEqual([true, true]);
      expect(() => new HeartbeatLoop({ intervalMs: 0, build: numbered(),
        send: async () => ({ ok: true }), log: createRootLogger() })).toThrow('positive');
    });
});
