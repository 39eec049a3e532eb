// The demo's traffic: simulated cameras push one truck after another to the lanes, so every
// decision the rules make at a B-level plant shows up on the Lanes page within a minute.
import { randomUUID } from 'node:crypto';
import type { Logger } from '../log/logger.ts';
import { subsystemLogger } from '../log/logger.ts';
import {
  DEMO_CAMERA_1_MAC, DEMO_CAMERA_2_SERIAL, DEMO_UNREGISTERED, demoFleet,
} from '../config/demo-site.ts';
import { buildHikvisionPush, buildVzenithPush, loadDemoImages, sendPush } from './lpr-sender.ts';

/** A truck every 4 s: busy for a cement plant's gate, still easy for a person to follow. */
export const TRUCK_INTERVAL_MS = 4_000;

interface ScriptStep {
  lane: 1 | 2;
  plate: string | 'fleet';
  /** Hikvision colour word (lane 1) or Vzenith colorType (lane 2). */
  color: string | number;
}

/** One round of the script: allowed, denied unregistered, denied China IV, electric, fleet. */
const SCRIPT: ScriptStep[] = [
  { lane: 1, plate: '豫A12345', color: 'yellow' },
  { lane: 2, plate: DEMO_UNREGISTERED[0]!, color: 2 },
  { lane: 1, plate: '豫A54321', color: 'yellow' },
  { lane: 2, plate: '豫A01234D', color: 6 },
  { lane: 1, plate: DEMO_UNREGISTERED[1]!, color: 'yellow' },
  { lane: 2, plate: 'fleet', color: 2 },
];

export interface ScriptedTrucks {
  sent(): number;
  stop(): Promise<void>;
}

export function startScriptedTrucks(o: { lprPort: number; log: Logger }): ScriptedTrucks {
  const log = subsystemLogger(o.log, 'trucks');
  const images = loadDemoImages();
  const fleet = demoFleet(50).map((v) => v.plate);
  let step = 0;
  let sent = 0;
  let plateid = 1;
  let inFlight: Promise<void> = Promise.resolve();

  const pushNext = async () => {
    const s = SCRIPT[step % SCRIPT.length]!;
    const plate = s.plate === 'fleet' ? fleet[Math.floor(step / SCRIPT.length) % fleet.length]! :
      s.plate;
    step++;

    const push = s.lane === 1
      ? buildHikvisionPush({ plate, color: String(s.color), uuid: randomUUID(),
        dateTime: new Date().toISOString(), images, mac: DEMO_CAMERA_1_MAC })
      : buildVzenithPush({ plate, colorType: Number(s.color), plateid: plateid++,
        sec: Math.floor(Date.now() / 1000), serialno: DEMO_CAMERA_2_SERIAL, isoffline: 0,
        images });
    const url = `http://127.0.0.1:${o.lprPort}/lpr/${s.lane === 1 ? 'hikvision/cam-1' :
      'vzenith/cam-2'}`;

    try {
      const res = await sendPush(url, push);
      sent++;
      log.info({ plate, lane: s.lane, status: res.status }, 'scripted truck pushed');
    } catch (err) {
      log.warn({ err, plate }, 'scripted truck push failed');
    }
  };

  const timer = setInterval(() => {
    inFlight = inFlight.then(pushNext);
  }, TRUCK_INTERVAL_MS);
  inFlight = pushNext();

  return {
    sent: () => sent,
    stop: async () => {
      clearInterval(timer);
      await inFlight;
    },
  };
}
