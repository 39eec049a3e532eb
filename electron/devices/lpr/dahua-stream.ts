// What a Dahua attach stream says (eventManager.cgi?action=attach, snapManager.cgi attachFileProc):
// text parts `Code=TrafficJunction;action=Pulse;index=0;data={json}`, `Heartbeat` parts, and on
// snapManager a JPEG part after each event. One passage can produce several events sharing a
// GroupID (IndexInGroup of CountInGroup): they become one read carrying every picture.
import { localEpochToUtc } from './camera-time.ts';
import { decodeText } from './charset.ts';
import { plateColorFor } from './colors.ts';
import type { StreamPart } from './mixed-parts.ts';
import { isNoPlate, normalisePlate } from './plate.ts';
import type { PlateImage } from './plate-read.ts';
import { pushError, type PushResult } from './push-result.ts';
import type { StreamInterpreter } from './stream-interpreter.ts';

interface TrafficEvent {
  plate: string | null;
  color: string;
  confidence: number | null;
  capturedAt: number;
  groupId: string | null;
  eventId: string | null;
  index: number;
  count: number;
}

interface Pending {
  first: TrafficEvent;
  best: TrafficEvent;
  seen: number;
  images: PlateImage[];
}

export interface DahuaStreamOptions {
  cameraId: string;
  /** The camera's zone: `UTC` is its local wall-clock time. */
  timeZone: string;
  /** snapManager streams send a JPEG after each event; eventManager streams send none. */
  withPictures: boolean;
}

export class DahuaStreamInterpreter implements StreamInterpreter {
  private readonly opts: DahuaStreamOptions;
  private pending: Pending | null = null;
  private receivedAt = 0;

  constructor(opts: DahuaStreamOptions) {
    this.opts = opts;
  }

  take(part: StreamPart, now: number): PushResult[] {
    const type = (part.headers['content-type'] ?? '').toLowerCase();
    if (type.startsWith('image/')) {
      if (this.pending && part.body.length > 0) {
        const kind = this.pending.images.length === 0 ? 'scene' : 'plate';
        this.pending.images.push({ kind, mime: 'image/jpeg', bytes: part.body });
      }
      return this.groupComplete() ? this.flush() : [];
    }

    const text = decodeText(part.body, null).text.trim();
    if (/^heartbeat$/i.test(text)) {
      return [...this.flush(), { kind: 'heartbeat', deviceSerial: null }];
    }

    const event = parseEventText(text, this.opts.timeZone);
    if (event === null) return [];
    if (typeof event === 'string') return [pushError(400, event)];

    const out = this.pending && this.pending.first.groupId !== null &&
      this.pending.first.groupId === event.groupId ? [] : this.flush();
    this.receivedAt = now;
    this.addToGroup(event);
    if (this.groupComplete()) out.push(...this.flush());
    return out;
  }

  flush(): PushResult[] {
    const p = this.pending;
    if (!p) return [];
    this.pending = null;

    const e = p.best;
    const vendorEventId = e.groupId !== null ? `group-${e.groupId}` : e.eventId;
    if (e.plate === null) return [{ kind: 'no-plate', deviceSerial: null, vendorEventId }];
    return [{
      kind: 'read',
      read: {
        cameraId: this.opts.cameraId, vendor: 'dahua', plate: normalisePlate(e.plate),
        plateColor: plateColorFor('dahua', e.color), rawPlateColor: e.color,
        confidence: e.confidence, direction: 'unknown',
        capturedAt: Number.isFinite(p.first.capturedAt) ? p.first.capturedAt : this.receivedAt,
        vendorEventId, isOfflineReplay: false, deviceSerial: null, images: p.images,
      },
    }];
  }

  private addToGroup(event: TrafficEvent): void {
    if (!this.pending) {
      this.pending = { first: event, best: event, seen: 1, images: [] };
      return;
    }
    this.pending.seen++;
    const best = this.pending.best;
    const better = best.plate === null ||
      (event.plate !== null && (event.confidence ?? 0) > (best.confidence ?? 0));
    if (better) this.pending.best = event;
  }

  /** All of the group's events are in, and (on snapManager) the picture of the last one. */
  private groupComplete(): boolean {
    const p = this.pending;
    if (!p || p.seen < p.first.count) return false;
    return !this.opts.withPictures || p.images.length >= p.seen;
  }
}

/**
 * `Code=TrafficJunction;action=Pulse;index=0;data={…}` → the event; null for codes and actions
 * that are not a read; a message when the JSON is broken.
 */
export function parseEventText(text: string, zone: string): TrafficEvent | null | string {
  const dataAt = text.indexOf('data=');
  const head = dataAt < 0 ? text : text.slice(0, dataAt);
  const fields = new Map(head.split(';').map((kv) => {
    const eq = kv.indexOf('=');
    return [kv.slice(0, eq).trim().toLowerCase(), kv.slice(eq + 1).trim()] as const;
  }));
  if (fields.get('code') !== 'TrafficJunction') return null;
  if ((fields.get('action') ?? 'Pulse') !== 'Pulse' || dataAt < 0) return null;

  let data: Record<string, unknown>;
  try {
    data = JSON.parse(text.slice(dataAt + 5).trim()) as Record<string, unknown>;
  } catch {
    return 'TrafficJunction data is not JSON';
  }

  const car = record(data.TrafficCar);
  const object = record(data.Object);
  const rawPlate = str(car.PlateNumber) ?? str(object.Text);
  return {
    plate: rawPlate === null || isNoPlate(rawPlate) ? null : rawPlate,
    color: str(car.PlateColor) ?? '',
    confidence: percent(num(object.Confidence) ?? num(car.Confidence)),
    capturedAt: captureTime(data, zone),
    groupId: idOf(data.GroupID),
    eventId: idOf(data.EventID),
    index: num(data.IndexInGroup) ?? 1,
    count: Math.max(1, num(data.CountInGroup) ?? 1),
  };
}

/** `RealUTC` is true UTC where firmware sends it; `UTC` is local wall-clock time. */
function captureTime(data: Record<string, unknown>, zone: string): number {
  const ms = num(data.UTCMS) ?? 0;
  const real = num(data.RealUTC);
  if (real !== null && real > 0) return real * 1000 + ms;
  const local = num(data.UTC);
  return local !== null && local > 0 ? localEpochToUtc(local, zone, ms) : NaN;
}

function record(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

function num(v: unknown): number | null {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}

function idOf(v: unknown): string | null {
  return typeof v === 'number' || (typeof v === 'string' && v !== '') ? String(v) : null;
}

function percent(v: number | null): number | null {
  return v !== null && v >= 0 && v <= 100 ? v : null;
}
