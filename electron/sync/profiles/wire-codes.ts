// Our canonical message in one platform's codes: plate colour, fuel, emission stage, direction
// and recognition mode through the profile's tables, times in its format, photos as it wants
// them. Field names and the message's shape stay ours; the adapter puts the result into the
// platform's envelope.
import {
  parsePassedAt, passageMessageSchema, withBackfill,
} from '../passage-message.ts';
import {
  CODED_FIELDS, platformCode, type CodedField, type PlatformTable, type TimeFormat,
} from './code-tables.ts';
import type { PhotoFitter } from './photo-fit.ts';
import type { OutgoingMessage } from './profile.ts';

/** The bytes of a photo in the media root by its SHA-256, or null when it is not there. */
export type PhotoReader = (sha256: string) => Promise<Buffer | null>;

export interface WireOptions {
  sentAt: number;
  readPhoto?: PhotoReader;
  /** Re-encodes a photo above the table's `maxBytes`; without it such a photo goes as missing. */
  fitPhoto?: PhotoFitter;
}

/**
 * A photo as a base64 profile sends it: the bytes, or why they are not there. `sha256` is always
 * the original's (the evidence in our media root); `reencoded` says the bytes are a smaller copy.
 */
export interface WirePhoto {
  sha256: string;
  base64: string | null;
  missing?: string;
  reencoded?: true;
}

/** China Standard Time has had no daylight saving since 1991: a fixed +08:00 offset is exact. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** Keys whose strings are M5's local `yyyy-MM-dd HH:mm:ss`: the passage time, its video window. */
const LOCAL_TIME_KEYS: ReadonlySet<string> = new Set(['passedAt', 'from', 'to']);

/** The passage direction is numbered in M5 (1 entry, 2 exit); the tables are keyed by word. */
const DIRECTION_WORDS: Readonly<Record<string, string>> = { 1: 'in', 2: 'out' };

export async function toPlatformCodes(
  message: OutgoingMessage, table: PlatformTable, opts: WireOptions,
): Promise<unknown> {
  const canonical = message.kind === 'passage'
    ? stampBackfill(message.payload, opts.sentAt) : message.payload;
  const coded = mapValue(canonical, table, null);

  if (message.kind !== 'passage' || table.images.encoding !== 'base64') return coded;
  return embedPhotos(coded, table.images.maxBytes, opts);
}

/** Local Asia/Shanghai time of a UTC instant in one of the table formats. */
export function formatTime(epochMs: number, format: TimeFormat): string | number {
  if (format === 'epoch-ms') return epochMs;

  const iso = new Date(epochMs + SHANGHAI_OFFSET_MS).toISOString();
  const [date, time] = [iso.slice(0, 10), iso.slice(11, 19)];
  if (format === 'yyyy-MM-dd HH:mm:ss') return `${date} ${time}`;
  const compact = `${date.replaceAll('-', '')}${format === 'yyyyMMdd HHmmss' ? ' ' : ''}`;
  return compact + time.replaceAll(':', '');
}

/** A well-formed passage gets its back-fill flag; a malformed one goes as it is, to be refused. */
export function stampBackfill(payload: unknown, sentAt: number): unknown {
  const parsed = passageMessageSchema.safeParse(payload);
  return parsed.success ? withBackfill(parsed.data, sentAt) : payload;
}

function mapValue(value: unknown, table: PlatformTable, key: string | null): unknown {
  if (Array.isArray(value)) return value.map((item) => mapValue(item, table, null));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, mapValue(v, table, k)]),
    );
  }
  if (key === null) return value;

  if (isCodedField(key) && (typeof value === 'string' || typeof value === 'number')) {
    const ours = key === 'direction' ? DIRECTION_WORDS[value] ?? String(value) : String(value);
    return platformCode(table, key, ours);
  }
  if (LOCAL_TIME_KEYS.has(key) && typeof value === 'string') {
    const instant = parsePassedAt(value);
    return instant === null ? value : formatTime(instant, table.time);
  }
  if (key.endsWith('At') && typeof value === 'number') return formatTime(value, table.time);
  return value;
}

function isCodedField(key: string): key is CodedField {
  return (CODED_FIELDS as readonly string[]).includes(key);
}

async function embedPhotos(
  coded: unknown, maxBytes: number, opts: WireOptions,
): Promise<unknown> {
  const passage = coded as { photos?: unknown };
  if (!Array.isArray(passage.photos)) return coded;

  const photos: WirePhoto[] = [];
  for (const sha256 of passage.photos as string[]) {
    photos.push(await wirePhoto(sha256, maxBytes, opts));
  }
  return { ...passage, photos };
}

async function wirePhoto(
  sha256: string, maxBytes: number, opts: WireOptions,
): Promise<WirePhoto> {
  const bytes = opts.readPhoto ? await opts.readPhoto(sha256) : null;
  if (!bytes) return { sha256, base64: null, missing: 'not in the media root' };
  if (bytes.length <= maxBytes) return { sha256, base64: bytes.toString('base64') };

  const fitted = opts.fitPhoto ? await opts.fitPhoto(bytes, maxBytes) : null;
  if (!fitted) return { sha256, base64: null, missing: `larger than ${maxBytes} bytes` };
  return { sha256, base64: fitted.toString('base64'), reencoded: true };
}
