import { describe, expect, it } from 'vitest';
import { ADAPTERS } from '../lpr/adapters.ts';
import { OPEN_PULSE, HeartbeatOpens, heartbeatOpenExpiredError } from './heartbeat-opens.ts';

describe('manual opens waiting for a comet heartbeat', () => {
  it('go out once, in the reply to the camera that was asked, as an ivs_ioctrl pulse', async () => {
    const opens = new HeartbeatOpens();
    const pending = opens.request('cam-2');

    expect(opens.take('cam-1')).toBeNull();
    const delivery = opens.take('cam-2')!;
    expect(opens.take('cam-2')).toBeNull();
    expect(JSON.parse(ADAPTERS.vzenith.replyToHeartbeatOpen!(delivery.pulse).body)).toEqual({
      Response_AlarmInfoPlate: { ivs_ioctrl: { io: 0, value: 2, delay: 500 } } });

    delivery.settle({ ok: true });
    delivery.settle({ ok: false, error: 'too late' });
    expect(await pending).toEqual({ ok: true });
    expect(OPEN_PULSE).toEqual({ io: 0, delayMs: 500 });
  });

  it('expire with a reason the guard reads, and leave nothing for the next heartbeat', async () => {
    const opens = new HeartbeatOpens({ expiryMs: 50 });
    expect(await opens.request('cam-2'))
      .toEqual({ ok: false, error: heartbeatOpenExpiredError(50) });
    expect(heartbeatOpenExpiredError(10_000)).toContain('within 10 s');
    expect(opens.take('cam-2')).toBeNull();
  });

  it('are refused when the host stops', async () => {
    const opens = new HeartbeatOpens();
    const pending = opens.request('cam-2');
    opens.close();
    expect(await pending).toMatchObject({ ok: false });
    expect(await opens.request('cam-2')).toMatchObject({ ok: false });
    expect(opens.take('cam-2')).toBeNull();
  });
});
