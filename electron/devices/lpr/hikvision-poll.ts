// Hikvision's third way to deliver reads: Gatehouse asks. POST …/vehicleDetect/plates with an
// AfterTime cursor returns the plates read since; we ask about once a second. The first cursor
// is "now", so a camera's history is not replayed into the ledger at startup. Each plate's
// picName is its event id and names its picture, fetched from /doc/ui/images/plate/<picName>.jpg
// before the read is passed on. Used where a camera can neither push nor hold a stream open.
import { XMLParser } from 'fast-xml-parser';
import { digestRequest } from '../barrier/digest.ts';
import type { Logger } from '../../log/logger.ts';
import { plateColorFor } from './colors.ts';
import { isoToUtcMs } from './hikvision.ts';
import { isNoPlate, normalisePlate } from './plate.ts';
import type { PlateImage } from './plate-read.ts';
import type { PushResult } from './push-result.ts';

/** How often the camera is asked; a truck waits at the boom, so about once a second. */
export const PLATE_POLL_MS = 1_000;

/** A camera that does not answer within this is asked again at the next tick. */
const POLL_TIMEOUT_MS = 5_000;

/** Event ids remembered to skip repeats; far more than a gate reads in one second. */
const SEEN_KEPT = 256;

/** A picture not fetched within this is left out: the truck at the boom does not wait longer. */
const PICTURE_TIMEOUT_MS = 2_000;

/** picNames are digits and letters; anything else is not put into a URL. */
const PIC_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** The cursor is written in Beijing time, as the cameras at these gates keep it. */
const CURSOR_OFFSET_MS = 8 * 3_600_000;

const xml = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true, parseTagValue: false,
  trimValues: true });

export interface PlatePollOptions {
  /** The full …/vehicleDetect/plates URL. */
  url: string;
  username: string;
  password: string;
  cameraId: string;
  onResult: (result: PushResult) => void;
  log: Logger;
  everyMs?: number;
}

export interface PlatePolling {
  /** True when the last poll was answered. */
  connected(): boolean;
  close(): Promise<void>;
}

export function startPlatePolling(o: PlatePollOptions): PlatePolling {
  let cursor = Date.now();
  let answered = false;
  let closed = false;
  let running: Promise<void> = Promise.resolve();
  const seen = new Set<string>();
  const remember = (id: string) => {
    seen.add(id);
    if (seen.size > SEEN_KEPT) seen.delete(seen.values().next().value!);
  };

  const poll = async () => {
    try {
      const answer = await digestRequest({ url: o.url, method: 'POST', username: o.username,
        password: o.password, body: afterTimeBody(cursor), contentType: 'application/xml',
        timeoutMs: POLL_TIMEOUT_MS });
      answered = answer.status === 200;
      if (!answered) {
        o.log.warn({ status: answer.status }, 'plate poll refused');
        return;
      }
      // The cursor has whole seconds, so the last second's plates come again: skip those seen.
      for (const plate of parsePlates(answer.body, o.cameraId)) {
        const id = plate.kind === 'read' ? plate.read.vendorEventId
          : plate.kind === 'no-plate' ? plate.vendorEventId : null;
        if (id !== null && seen.has(id)) continue;
        if (id !== null) remember(id);
        if (plate.kind === 'read') {
          cursor = Math.max(cursor, plate.read.capturedAt);
          plate.read.images = await fetchPicture(o, plate.read.vendorEventId);
        }
        o.onResult(plate);
      }
    } catch (err) {
      answered = false;
      o.log.warn({ err: (err as Error).message }, 'plate poll failed');
    }
  };

  const timer = setInterval(() => {
    if (!closed) running = running.then(poll);
  }, o.everyMs ?? PLATE_POLL_MS);

  return {
    connected: () => answered,
    close: async () => {
      closed = true;
      clearInterval(timer);
      await running;
    },
  };
}

/** The camera's picture of a read, or none (said in the log) when it cannot be had. */
async function fetchPicture(o: PlatePollOptions, picName: string | null): Promise<PlateImage[]> {
  if (picName === null || !PIC_NAME.test(picName)) return [];
  const url = pictureUrl(o.url, picName);

  try {
    const answer = await digestRequest({ url, method: 'GET', username: o.username,
      password: o.password, timeoutMs: PICTURE_TIMEOUT_MS });
    if (answer.status !== 200 || !isJpeg(answer.bytes)) {
      o.log.warn({ picName, status: answer.status }, 'plate picture not served; read kept');
      return [];
    }
    return [{ kind: 'scene', mime: 'image/jpeg', bytes: answer.bytes }];
  } catch (err) {
    o.log.warn({ picName, err: (err as Error).message }, 'plate picture failed; read kept');
    return [];
  }
}

/** `http://camera/doc/ui/images/plate/<picName>.jpg`, on the polled URL's host. */
export function pictureUrl(pollUrl: string, picName: string): string {
  return new URL(`/doc/ui/images/plate/${picName}.jpg`, pollUrl).href;
}

const isJpeg = (bytes: Buffer) => bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8
  && bytes[2] === 0xff;

/** `<AfterTime><picTime>20240501T081530+0800</picTime></AfterTime>` for a UTC instant. */
export function afterTimeBody(utcMs: number): string {
  const local = new Date(utcMs + CURSOR_OFFSET_MS).toISOString();
  const compact = local.slice(0, 19).replace(/[-:]/g, '');
  return `<AfterTime version="2.0"><picTime>${compact}+0800</picTime></AfterTime>`;
}

/** The plates of a `Plates` answer (one Plate arrives as an object, several as a list). */
export function parsePlates(body: string, cameraId: string): PushResult[] {
  const doc = xml.parse(body) as Record<string, unknown>;
  const plates = (doc.Plates as Record<string, unknown> | undefined)?.Plate;
  const list = Array.isArray(plates) ? plates : plates === undefined ? [] : [plates];

  return list.map((p): PushResult => {
    const plate = p as Record<string, unknown>;
    const raw = String(plate.plateNumber ?? '');
    const eventId = plate.picName === undefined ? null : String(plate.picName);
    if (isNoPlate(raw)) return { kind: 'no-plate', deviceSerial: null, vendorEventId: eventId };
    const rawColor = String(plate.plateColor ?? '');
    return {
      kind: 'read',
      read: {
        cameraId, vendor: 'hikvision', plate: normalisePlate(raw),
        plateColor: plateColorFor('hikvision', rawColor), rawPlateColor: rawColor,
        confidence: null, direction: 'unknown',
        capturedAt: captureTime(String(plate.captureTime ?? '')) ?? Date.now(),
        vendorEventId: eventId, isOfflineReplay: false, deviceSerial: null,
        // The poll answer carries none; the poller fetches the picture by picName.
        images: [],
      },
    };
  });
}

/** `20240501T081530+0800` (or ISO-8601) → UTC epoch ms. */
function captureTime(text: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z|[+-]\d{4})?$/.exec(text);
  if (!m) return isoToUtcMs(text || null);
  const [, y, mo, d, h, mi, s, zone] = m;
  return isoToUtcMs(`${y}-${mo}-${d}T${h}:${mi}:${s}${zone ?? ''}`);
}
