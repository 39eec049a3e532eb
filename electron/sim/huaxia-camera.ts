// A simulated Huaxia (华夏智信) mode-5 camera with its own barrier relay. It pushes plate reads
// and `type=heartbeat` forms to Gatehouse's push URL and obeys every reply as the camera does:
// a `gpio_data` entry switching io1 on pulses the relay, whether it came back to a read or to a
// heartbeat (a guard's manual open). Other outputs and actions are only logged. Tests, the demo
// and training mode read what the relay did from `pulses`.
import type { Logger } from '../log/logger.ts';
import { subsystemLogger } from '../log/logger.ts';
import { HUAXIA_BARRIER_IO } from '../devices/lpr/huaxia.ts';
import type { PlateColor } from '../devices/lpr/plate-read.ts';
import { buildHuaxiaHeartbeat } from './lpr-pushes.ts';
import { startHeartbeatLoop } from './heartbeat-loop.ts';
import { sendPush, type PushResponse } from './lpr-sender.ts';
import { vendorPush } from './lpr-vendor-push.ts';

export interface HuaxiaCameraOptions {
  /** The camera's push URL at Gatehouse: …/lpr/huaxia/<cameraId>. */
  target: string;
  /** The camera's `cam_id` (MAC or UID). */
  camId: string;
  /** Between one heartbeat's reply and the next heartbeat; null: heartbeats switched off. */
  heartbeatMs: number | null;
  log: Logger;
}

export interface HuaxiaRelayPulse {
  at: number;
  /** The output switched on: io1 is the barrier's. */
  io: string;
  /** What told the relay: the reply to a read, or the reply to a heartbeat. */
  cause: 'read' | 'heartbeat';
}

export interface HuaxiaCameraRead {
  plate: string;
  color: PlateColor;
  images: { plate?: Buffer; scene?: Buffer };
  /** Resumed after a network break (`type=offline`). */
  offline?: boolean;
}

export interface HuaxiaCamera {
  /** Every pulse of the simulated relay, in order. */
  pulses: HuaxiaRelayPulse[];
  /** Heartbeats answered so far. */
  heartbeats(): number;
  /** Pushes one read and obeys the reply. */
  read(r: HuaxiaCameraRead): Promise<PushResponse>;
  /** Sends a heartbeat now (the same form every time, as a resend after a lost reply is). */
  heartbeat(): Promise<PushResponse>;
  close(): Promise<void>;
}

export function startHuaxiaCamera(o: HuaxiaCameraOptions): HuaxiaCamera {
  const log = subsystemLogger(o.log, 'sim-huaxia');
  const pulses: HuaxiaRelayPulse[] = [];
  let seq = 0;
  let answered = 0;

  const obey = (body: string, cause: HuaxiaRelayPulse['cause']) => {
    for (const command of gpioCommandsOf(body)) {
      if (command.ionum === HUAXIA_BARRIER_IO && command.action === 'on') {
        pulses.push({ at: Date.now(), io: command.ionum, cause });
        log.info({ io: command.ionum, cause }, 'relay pulsed by gpio_data');
      } else {
        log.info({ io: command.ionum, action: command.action }, 'gpio_data ignored');
      }
    }
  };

  const heartbeat = async () => {
    const res = await sendPush(o.target, buildHuaxiaHeartbeat(o.camId));
    answered++;
    obey(res.body, 'heartbeat');
    return res;
  };

  const loop = startHeartbeatLoop(heartbeat, o.heartbeatMs, log);

  return {
    pulses,
    heartbeats: () => answered,
    heartbeat,
    read: async (r) => {
      const { push } = vendorPush('huaxia', { plate: r.plate, color: r.color, seq: ++seq,
        serial: o.camId, images: r.images, offline: r.offline });
      const res = await sendPush(o.target, push);
      if (res.status === 200) obey(res.body, 'read');
      return res;
    },
    close: () => loop.close(),
  };
}

interface GpioCommand {
  ionum?: unknown;
  action?: unknown;
}

/** The `gpio_data` entries of a reply; none for any other body. */
function gpioCommandsOf(body: string): GpioCommand[] {
  try {
    const json = JSON.parse(body) as { gpio_data?: unknown };
    return Array.isArray(json.gpio_data) ? json.gpio_data as GpioCommand[] : [];
  } catch {
    return [];
  }
}
