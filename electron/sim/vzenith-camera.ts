// A simulated Vzenith camera with its own barrier relay. It pushes plate reads and heartbeats
// to Gatehouse's push URL and obeys the replies as the camera does: `info: "ok"` in the reply to
// a read pulses the relay; in comet heartbeat mode the reply to each heartbeat is read for
// commands too, and `ivs_ioctrl` with value 2 pulses the relay (value 0/1 switch it off/on and
// are only logged). Tests, the demo and training mode read what the relay did from `pulses`.
import type { Logger } from '../log/logger.ts';
import { subsystemLogger } from '../log/logger.ts';
import type { PlateColor } from '../devices/lpr/plate-read.ts';
import { buildVzenithHeartbeat } from './lpr-pushes.ts';
import { startHeartbeatLoop } from './heartbeat-loop.ts';
import { sendPush, type PushResponse } from './lpr-sender.ts';
import { vendorPush } from './lpr-vendor-push.ts';

/** The camera's heartbeat setting: none, normal (acknowledged only) or comet (reads commands). */
export type VzenithHeartbeatMode = 'none' | 'normal' | 'comet';

export interface VzenithCameraOptions {
  /** The camera's push URL at Gatehouse: …/lpr/vzenith/<cameraId>. */
  target: string;
  serial: string;
  heartbeatMode: VzenithHeartbeatMode;
  /** Between one heartbeat's reply and the next heartbeat. */
  heartbeatMs: number;
  log: Logger;
}

export interface RelayPulse {
  at: number;
  io: number;
  delayMs: number;
  /** What told the relay: the reply to a read, or the reply to a comet heartbeat. */
  cause: 'read' | 'comet';
}

export interface VzenithCameraRead {
  plate: string;
  color: PlateColor;
  images: { plate?: Buffer; scene?: Buffer };
  offline?: boolean;
}

export interface VzenithCamera {
  /** Every pulse of the simulated relay, in order. */
  pulses: RelayPulse[];
  /** Heartbeats answered so far. */
  heartbeats(): number;
  /** Pushes one read and obeys the reply. */
  read(r: VzenithCameraRead): Promise<PushResponse>;
  /** Sends a heartbeat now; `repeat` resends the last one (same countid), as after a lost reply. */
  heartbeat(options?: { repeat?: boolean }): Promise<PushResponse>;
  close(): Promise<void>;
}

/** The pulse `info: "ok"` makes: the camera's own default for its barrier output. */
const OK_PULSE = { io: 0, delayMs: 500 };

export function startVzenithCamera(o: VzenithCameraOptions): VzenithCamera {
  const log = subsystemLogger(o.log, 'sim-vzenith');
  const pulses: RelayPulse[] = [];
  let countid = 0;
  let plateid = 0;
  let answered = 0;

  const obey = (body: string, cause: RelayPulse['cause']) => {
    const reply = replyOf(body);
    const ioctrl = reply?.ivs_ioctrl;
    if (ioctrl && ioctrl.value === 2) {
      pulses.push({ at: Date.now(), io: ioctrl.io ?? 0, delayMs: ioctrl.delay ?? 500, cause });
      log.info({ io: ioctrl.io, cause }, 'relay pulsed by ivs_ioctrl');
    } else if (ioctrl) {
      log.info({ io: ioctrl.io, value: ioctrl.value }, 'relay switched; no pulse');
    } else if (reply?.info === 'ok') {
      pulses.push({ at: Date.now(), ...OK_PULSE, cause });
      log.info({ cause }, 'relay pulsed by info ok');
    }
  };

  const heartbeat = async (options: { repeat?: boolean } = {}) => {
    if (!options.repeat) countid++;
    const push = buildVzenithHeartbeat(o.serial, countid, Math.floor(Date.now() / 1000));
    const res = await sendPush(o.target, push);
    answered++;
    // A camera in normal mode takes the reply as an acknowledgement and nothing more.
    if (o.heartbeatMode === 'comet') obey(res.body, 'comet');
    return res;
  };

  const loop = startHeartbeatLoop(heartbeat,
    o.heartbeatMode === 'none' ? null : o.heartbeatMs, log);

  return {
    pulses,
    heartbeats: () => answered,
    heartbeat,
    read: async (r) => {
      const { push } = vendorPush('vzenith', { plate: r.plate, color: r.color, seq: ++plateid,
        serial: o.serial, images: r.images, offline: r.offline });
      const res = await sendPush(o.target, push);
      if (res.status === 200) obey(res.body, 'read');
      return res;
    },
    close: () => loop.close(),
  };
}

interface CameraReply {
  info?: unknown;
  ivs_ioctrl?: { io?: number; value?: number; delay?: number };
}

/** The Response_AlarmInfoPlate of a reply; null for any other body. */
function replyOf(body: string): CameraReply | null {
  try {
    const json = JSON.parse(body) as { Response_AlarmInfoPlate?: CameraReply };
    return json.Response_AlarmInfoPlate ?? null;
  } catch {
    return null;
  }
}
