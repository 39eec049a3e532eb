// A platform profile's data file (resources/platforms/<profile>.json): which of our message kinds
// the platform takes and under what name, its code for each of our codes, its time format, how
// it wants images, and what each of its reply codes means for the outbox row. Read and
// validated once; a broken file fails loudly when the profile is created, not mid-delivery.
import { readFileSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { resourcePath } from '../../config/paths.ts';

export const TIME_FORMATS = [
  'yyyy-MM-dd HH:mm:ss', 'yyyyMMddHHmmss', 'yyyyMMdd HHmmss', 'epoch-ms',
] as const;
export type TimeFormat = (typeof TIME_FORMATS)[number];

/** What a reply code means: ok, retry, refused for good, credentials, or log in again once. */
export const REPLY_CLASSES = ['ok', 'retryable', 'rejected', 'auth', 'token'] as const;
export type ReplyClass = (typeof REPLY_CLASSES)[number];

/** Keys starting with '$' are notes for the reader, dropped before the table is checked. */
const withoutNotes = (value: unknown): unknown => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !key.startsWith('$')));
};

/** Our code → the platform's; '*' is the platform's code for anything the map does not list. */
const codeMap = z.preprocess(withoutNotes, z.record(z.string(), z.string()));

export const CODED_FIELDS = [
  'plateColor', 'fuel', 'emissionStage', 'direction', 'recognitionMode',
] as const;
export type CodedField = (typeof CODED_FIELDS)[number];

export const platformTableSchema = z.preprocess(withoutNotes, z.object({
  profile: z.string().min(1),
  /** Adapter-specific paths (HTTP profiles). */
  paths: z.record(z.string(), z.string().startsWith('/')).optional(),
  /** Our outbox kind → the platform's message type; a kind not listed is not carried. */
  kinds: z.record(z.string(), z.string().min(1)),
  codes: z.object({
    plateColor: codeMap,
    fuel: codeMap,
    emissionStage: codeMap,
    direction: codeMap,
    /** Absent in a city's older table: our words go as they are. */
    recognitionMode: codeMap.default({}),
  }),
  time: z.enum(TIME_FORMATS),
  images: z.discriminatedUnion('encoding', [
    z.object({ encoding: z.literal('sha256') }),
    z.object({ encoding: z.literal('base64'), maxBytes: z.number().int().positive() }),
  ]),
  /**
   * The downlink's codes (M6): our alert level (yellow/orange/red) and response level
   * (III/II/I) → the platform's. Read backwards: the platform's code finds ours.
   */
  alerts: z.object({ level: codeMap, response: codeMap }).optional(),
  /** The platform's reply code → its meaning; '*' for codes not listed. */
  replies: z.preprocess(withoutNotes, z.record(z.string(), z.enum(REPLY_CLASSES))),
}));

export type PlatformTable = z.infer<typeof platformTableSchema>;

const loaded = new Map<string, PlatformTable>();

/** The table of a profile by name (resources/platforms/<name>.json) or by absolute path. */
export function loadPlatformTable(nameOrPath: string): PlatformTable {
  const file = isAbsolute(nameOrPath)
    ? nameOrPath : resourcePath('platforms', `${nameOrPath}.json`);
  const cached = loaded.get(file);
  if (cached) return cached;

  const parsed = platformTableSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  loaded.set(file, parsed.data);
  return parsed.data;
}

/** The platform's code for one of ours: the listed one, else '*', else ours unchanged. */
export function platformCode(table: PlatformTable, field: CodedField, ours: string): string {
  return own(table.codes[field], ours) ?? own(table.codes[field], '*') ?? ours;
}

/** The platform's message type for one of our kinds, or null when it does not take it. */
export function platformKind(table: PlatformTable, kind: string): string | null {
  return Object.hasOwn(table.kinds, kind) ? table.kinds[kind]! : null;
}

/** Our kind for the platform's message type (the simulator reads frames with it). */
export function ourKind(table: PlatformTable, platformType: string): string | null {
  const found = Object.entries(table.kinds).find(([, type]) => type === platformType);
  return found ? found[0] : null;
}

/** Our code for one the platform sent, or null when the map has none that maps to it. */
export function ourCode(map: Record<string, string>, theirs: string): string | null {
  const found = Object.entries(map).find(([ours, code]) => ours !== '*' && code === theirs);
  return found ? found[0] : null;
}

/** What one of the platform's reply codes means; '*' for codes the table does not list. */
export function replyClass(table: PlatformTable, code: string | number): ReplyClass {
  return own(table.replies, String(code)) ?? own(table.replies, '*') ?? 'retryable';
}

function own<T>(map: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(map, key) ? map[key] : undefined;
}
