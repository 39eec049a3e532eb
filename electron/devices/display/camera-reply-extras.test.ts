// The extras our reply carries to a camera: the board's bytes and allowlist changes, in each
// vendor's own fields, through the adapters the listener answers with.
import { describe, expect, it } from 'vitest';
import { ADAPTERS } from '../lpr/adapters.ts';
import type { PlateRead } from '../lpr/plate-read.ts';
import { boardEventsOf } from '../../sim/display-board.ts';
import { displayFrameFor } from './display-frame.ts';
import { withReplyExtras } from './camera-reply-extras.ts';

const frame = displayFrameFor({ plate: '豫A12345', emissionStage: '6', controlState: 'normal',
  decision: 'allow' });
const read = { vendorEventId: '1201', isOfflineReplay: false } as PlateRead;

describe("extras in the camera's reply", () => {
  it('puts the board bytes and allowlist changes into a Vzenith reply', () => {
    const whitelist = { operate_type: 0 as const, white_list_data: [{ plate: '豫A12345',
      enable: 1 as const, need_alarm: 0 as const, enable_time: '2026-01-01 00:00:00',
      overdue_time: '2036-01-01 00:00:00' }] };
    const reply = ADAPTERS.vzenith.replyToRead(read, { open: true, passageId: 'p1',
      replyExtras: { serial: { frame, serialChannel: 0 }, vzenithWhitelist: whitelist } });

    const body = JSON.parse(reply.body).Response_AlarmInfoPlate;
    expect(body.info).toBe('ok');
    expect(body.white_list_operate).toEqual(whitelist);
    expect(body.serialData[0].serialChannel).toBe(0);
    expect(boardEventsOf(Buffer.from(body.serialData[0].data, 'base64'))[0]!.text)
      .toEqual(['豫A12345', '国六', '正常管控', '请通行']);
  });

  it('puts the board bytes into a Huaxia reply as a hex string', () => {
    const reply = ADAPTERS.huaxia.replyToRead(read, { open: true, passageId: 'p1',
      replyExtras: { serial: { frame, serialChannel: 0 } } });

    const body = JSON.parse(reply.body);
    expect(body.gpio_data).toEqual([{ ionum: 'io1', action: 'on' }]);
    expect(Buffer.from(body.rs485_data[0].data, 'hex').equals(frame)).toBe(true);
  });

  it('leaves a reply without extras, or from another vendor, as it was', () => {
    expect(withReplyExtras('vzenith', '{"a":1}')).toBe('{"a":1}');
    expect(withReplyExtras('hikvision', 'OK', { serial: { frame, serialChannel: 0 } }))
      .toBe('OK');
  });
});
