// What our reply to a camera's push carries besides the verdict: bytes for the LED/voice board
// on the camera's RS-485 port, and changes to the camera's own allowlist. The vendor adapter
// builds the reply; this adds the fields in the vendor's words (Vzenith serialData and
// white_list_operate inside Response_AlarmInfoPlate, Huaxia rs485_data beside error_num).
import { huaxiaRs485Data, vzenithSerialData } from './display-frame.ts';

/** Vzenith's allowlist operation: 0 adds (or updates), 1 deletes the listed plates. */
export interface VzenithWhitelistOperate {
  operate_type: 0 | 1;
  white_list_data: Array<{ plate: string; enable: 0 | 1; need_alarm: 0 | 1;
    enable_time: string; overdue_time: string }>;
}

export interface CameraReplyExtras {
  serial?: { frame: Buffer; serialChannel: number };
  vzenithWhitelist?: VzenithWhitelistOperate;
}

/** The reply body with the extras added; vendors without such fields get it unchanged. */
export function withReplyExtras(vendor: string, body: string, extras?: CameraReplyExtras):
  string {
  if (!extras || (!extras.serial && !extras.vzenithWhitelist)) return body;

  let reply: Record<string, unknown>;
  try {
    reply = JSON.parse(body) as Record<string, unknown>;
  } catch {
    return body;
  }

  if (vendor === 'vzenith' && typeof reply.Response_AlarmInfoPlate === 'object') {
    const inner = reply.Response_AlarmInfoPlate as Record<string, unknown>;
    if (extras.serial) {
      inner.serialData = vzenithSerialData(extras.serial.frame, extras.serial.serialChannel);
    }
    if (extras.vzenithWhitelist) inner.white_list_operate = extras.vzenithWhitelist;
  } else if (vendor === 'huaxia' && extras.serial) {
    reply.rs485_data = huaxiaRs485Data(extras.serial.frame);
  } else {
    return body;
  }
  return JSON.stringify(reply);
}
