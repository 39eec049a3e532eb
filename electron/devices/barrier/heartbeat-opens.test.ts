import { describe, expect, it } from 'vitest';
import { ADAPTERS, takesHeartbeatOpens } from '../lpr/adapters.ts';
import { LPR_VENDORS } from '../lpr/plate-read.ts';
import { OPEN_PULSE, HeartbeatOpens, heartbeatOpenExpiredError } from './heartbeat-opens.ts';

describe('manual opens waiting for a camera heartbeat', () => {
  it('go out once, in the reply to the camera that was asked, as an ivs_ioctrl pulse', async () => {
    const opens = new HeartbeatOpens();
    const pending = opens.request('cam-2', 'vzenith');

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

  it('reach a Huaxia camera as the gpio_data io1 on that opens on a read', async () => {
    const opens = new HeartbeatOpens();
    const pending = opens.request('cam-2', 'huaxia');

    const delivery = opens.take('cam-2')!;
    const reply = ADAPTERS.huaxia.replyToHeartbeatOpen!(delivery.pulse);
    expect(reply.contentType).toBe('application/json; charset=utf-8');
    expect(JSON.parse(reply.body)).toEqual({ error_num: 0, error_str: 'noerror',
      gpio_data: [{ ionum: 'io1', action: 'on' }] });
    expect(JSON.parse(ADAPTERS.huaxia.replyToNothing({ kind: 'heartbeat', deviceSerial: null })
      .body)).toEqual({ error_num: 0, error_str: 'noerror' });

    delivery.settle({ ok: true });
    expect(await pending).toEqual({ ok: true });
  });

  it('wait only where the camera runs commands from its heartbeat reply', () => {
    expect(LPR_VENDORS.filter(takesHeartbeatOpens).sort()).toEqual(['huaxia', 'vzenith']);
  });

  it('expire with a reason the guard reads, and leave nothing for the next heartbeat', async () => {
    const opens = new HeartbeatOpens({ expiryMs: 50 });
    expect(await opens.request('cam-2', 'huaxia'))
      .toEqual({ ok: false, error: heartbeatOpenExpiredError(50, 'huaxia'),
        failure: 'camera-silent' });
    expect(opens.take('cam-2')).toBeNull();
  });

  it('name the setting the installer checks on each vendor\'s camera', () => {
    expect(heartbeatOpenExpiredError(10_000, 'vzenith')).toBe('the camera did not call in ' +
      'within 10 s, so the barrier was not opened; check that its heartbeat mode is comet and ' +
      'that it reaches Gatehouse');
    expect(heartbeatOpenExpiredError(10_000, 'huaxia')).toBe('the camera did not call in ' +
      'within 10 s, so the barrier was not opened; check that its heartbeat is switched on and ' +
      'that it reaches Gatehouse');
  });

  it('are refused when the host stops', async () => {
    const opens = new HeartbeatOpens();
    const pending = opens.request('cam-2', 'vzenith');
    opens.close();
    expect(await pending).toMatchObject({ ok: false });
    expect(await opens.request('cam-2', 'vzenith')).toMatchObject({ ok: false });
    expect(opens.take('cam-2')).toBeNull();
  });
});
