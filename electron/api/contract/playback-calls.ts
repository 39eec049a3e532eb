// The calls and events of playback, clip export and the inspector's window check (issue #6),
// part of the API contract. Spread into CALLS and EVENTS by contract.ts. Video bytes do not
// travel through calls: a clip or an export is named here and fetched from its `url` (HTTP with
// range requests, token in the query); the live picture has its own socket, `/api/live/<camera>`.
import { z } from 'zod';
import type { Role } from '../contract.ts';
import { VIDEO_RANGE_INPUT } from './video-ranges.ts';

const EVERYONE: readonly Role[] = ['guard', 'officer', 'manager', 'installer'];
/** An export leaves the building: the people answerable for the ledgers, not the guard. */
const EXPORTERS: readonly Role[] = ['officer', 'manager', 'installer'];

/** A watched clip's longest window: the window check's 10 minutes and some slack. */
export const MAX_CLIP_WINDOW_MS = 30 * 60_000;

const span = z.object({ startAt: z.number(), endAt: z.number() });

export const clipView = z.object({
  cameraId: z.string(),
  clipId: z.string(),
  /** Path on the host, e.g. `/api/media/clip/<id>.mp4`; add `?token=` to fetch it. */
  url: z.string(),
  startAt: z.number(),
  endAt: z.number(),
  /** Seconds. */
  duration: z.number(),
  /** Where each wall-clock span plays: at `offset` seconds into the clip. */
  pieces: z.array(span.extend({ offset: z.number() })),
  /** Parts of the window without footage. */
  holes: z.array(z.object({ fromAt: z.number(), toAt: z.number() })),
});
export type ClipView = z.infer<typeof clipView>;

export const gapView = z.object({
  fromAt: z.number(),
  /** null while the camera is still not recording. */
  toAt: z.number().nullable(),
  cause: z.string(),
  detail: z.string().nullable(),
});

/** Why an export failed; the UI words the code (`playback.export.failure.<code>`). */
export const EXPORT_FAILURES = [
  'no-ffmpeg', 'no-footage', 'segment-missing', 'join-failed', 'stopped',
] as const;
export type ExportFailureCode = (typeof EXPORT_FAILURES)[number];

export const exportFailureView = z.object({
  code: z.enum(EXPORT_FAILURES),
  /** What the code's sentence needs, e.g. the missing segment's file name. */
  values: z.record(z.string(), z.union([z.string(), z.number()])),
  /** The English detail for logs and the installer: ffmpeg's own words where it spoke. */
  detail: z.string(),
});
export type ExportFailureView = z.infer<typeof exportFailureView>;

export const exportJobView = z.object({
  exportId: z.string(),
  cameraId: z.string(),
  /** The camera's name as the site calls it (the id when it has none). */
  cameraName: z.string(),
  from: z.number(),
  to: z.number(),
  state: z.enum(['running', 'done', 'failed']),
  ratio: z.number(),
  error: exportFailureView.nullable(),
  bytes: z.number().nullable(),
  /** Download path (with `?token=`) once done. */
  url: z.string().nullable(),
  requestedBy: z.string(),
  createdAt: z.number(),
});
export type ExportJobView = z.infer<typeof exportJobView>;

/** A ledger row as the window check lists it beside the video. */
export const windowRowView = z.object({
  passageId: z.string(),
  laneId: z.string(),
  direction: z.enum(['in', 'out']),
  plate: z.string(),
  plateColor: z.string(),
  decision: z.enum(['allow', 'deny', 'allow-with-exemption']),
  capturedAt: z.number(),
});
export type WindowRowView = z.infer<typeof windowRowView>;

const call = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O,
  access: readonly Role[]) => ({ input, output, access });

const CLIP_MAX_MIN = MAX_CLIP_WINDOW_MS / 60_000;
const clipInput = z.object(VIDEO_RANGE_INPUT).refine(
  (w) => w.to > w.from && w.to - w.from <= MAX_CLIP_WINDOW_MS,
  { message: `a clip must end after it starts and last at most ${CLIP_MAX_MIN} min` },
);

export const PLAYBACK_CALLS = {
  /** The cameras with footage: every camera the site records. */
  'playback.cameras': call(
    z.object({}),
    z.array(z.object({ id: z.string(), name: z.string(), gateId: z.string() })),
    EVERYONE,
  ),
  /** A camera's day (Asia/Shanghai) on the timeline: its segments and its gaps with causes. */
  'playback.day': call(
    z.object({ cameraId: z.string().min(1), day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
    z.object({ from: z.number(), to: z.number(), segments: z.array(span),
      gaps: z.array(gapView) }),
    EVERYONE,
  ),
  /** A clip to watch of whole segments covering the window; null without footage there. */
  'playback.clip': call(clipInput, clipView.nullable(), EVERYONE),
  /** The footage around a passage (10 s before, 20 s after), one clip per camera of its gate. */
  'playback.passageClips': call(
    z.object({ passageId: z.string().min(1) }),
    z.object({ capturedAt: z.number(), clips: z.array(clipView),
      /** Cameras of the gate whose footage of that moment is not indexed (yet). */
      missing: z.array(z.string()) }),
    EVERYONE,
  ),
  /**
   * Starts an export of a time range as one MP4 by stream copy; progress by event. A range in
   * the future or longer than a day is refused with a reason (`exportRangeProblem`).
   */
  'playback.export': call(z.object(VIDEO_RANGE_INPUT), exportJobView, EXPORTERS),
  'playback.exports': call(z.object({}), z.array(exportJobView), EXPORTERS),
  /**
   * The inspector's window check: the gate's footage and ledger rows of one window. A window
   * in the future or outside 1–10 minutes is refused with a reason (`windowCheckProblem`).
   */
  'windowCheck.load': call(
    z.object({ gateId: z.string().min(1).optional(), from: z.number().int(),
      to: z.number().int() }),
    z.object({ gateId: z.string(), from: z.number(), to: z.number(), clips: z.array(clipView),
      /** Cameras of the gate without footage in the window. */
      missing: z.array(z.string()),
      /** The ledger rows (passages) of the gate in the window, oldest first. */
      rows: z.array(windowRowView) }),
    ['officer', 'manager', 'installer'],
  ),
} as const;

export const PLAYBACK_EVENTS = {
  'playback.exportProgress': { payload: exportJobView, access: EXPORTERS },
} as const;
