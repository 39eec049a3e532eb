// What a Hikvision alertStream says, part by part: an EventNotificationAlert (XML, or JSON on
// firmware set so), then as many picture parts as its picNum announces. Heartbeats are alerts
// with eventState inactive. Alerts of other event types (motion, video loss) are not ours.
import {
  interpretAlert, parseAlertDocument, picturesAnnounced, type XmlNode,
} from './hikvision.ts';
import { carriesAnpr } from './hikvision-anpr.ts';
import { IMAGE_PARTS } from './hikvision-multipart.ts';
import type { StreamPart } from './mixed-parts.ts';
import type { PlateImage } from './plate-read.ts';
import { pushError, type PushResult } from './push-result.ts';
import type { StreamInterpreter } from './stream-interpreter.ts';

interface Pending {
  alert: XmlNode;
  expected: number;
  images: PlateImage[];
  receivedAt: number;
}

export class HikvisionStreamInterpreter implements StreamInterpreter {
  private readonly cameraId: string;
  private pending: Pending | null = null;

  constructor(cameraId: string) {
    this.cameraId = cameraId;
  }

  take(part: StreamPart, now: number): PushResult[] {
    const type = (part.headers['content-type'] ?? '').toLowerCase();
    if (type.startsWith('image/')) return this.takePicture(part, type);

    const out = this.flush();
    const alert = parseAlertDocument(part.body);
    if (typeof alert === 'string') return [...out, pushError(400, alert)];

    const state = String(alert.eventState ?? '').toLowerCase();
    const eventType = String(alert.eventType ?? '').toLowerCase();
    if (state === 'inactive' || eventType === 'heartbeat') {
      return [...out, interpretAlert(alert, [], { cameraId: this.cameraId, receivedAt: now })];
    }
    if (eventType !== 'anpr' && !carriesAnpr(alert)) return out;

    this.pending = { alert, expected: picturesAnnounced(alert), images: [], receivedAt: now };
    if (this.pending.expected === 0) out.push(...this.flush());
    return out;
  }

  flush(): PushResult[] {
    const p = this.pending;
    if (!p) return [];
    this.pending = null;
    return [interpretAlert(p.alert, p.images, { cameraId: this.cameraId,
      receivedAt: p.receivedAt })];
  }

  private takePicture(part: StreamPart, type: string): PushResult[] {
    const p = this.pending;
    // A picture with no alert before it (we joined mid-event) belongs to nothing we saw.
    if (!p || part.body.length === 0) return [];

    const kind = IMAGE_PARTS.get(pictureName(part)) ?? 'scene';
    p.images.push({ kind, mime: type.split(';')[0]!.trim(), bytes: part.body });
    return p.images.length >= p.expected ? this.flush() : [];
  }
}

/** The part's name or filename from Content-Disposition, lower case. */
function pictureName(part: StreamPart): string {
  const disposition = part.headers['content-disposition'] ?? '';
  const m = /\bname="([^"]+)"/i.exec(disposition) ?? /\bfilename="([^"]+)"/i.exec(disposition);
  return (m?.[1] ?? '').toLowerCase();
}
