// The calls of recording and storage (issue #6), part of the API contract, spread into CALLS by
// contract.ts: how each camera records, the gaps in its footage with their causes, the storage
// forecast and alarms, the retention (below the legal minimum only with an audited reason), and
// a storage root check for the setup wizard.
import { z } from 'zod';
import type { Role } from '../contract.ts';

const EVERYONE: readonly Role[] = ['guard', 'officer', 'manager', 'installer'];
const KEEPERS: readonly Role[] = ['manager', 'installer'];

/** Keep in step with GAP_CAUSES in electron/recording/gaps.ts. */
export const GAP_CAUSE_NAMES = [
  'stall', 'source-lost', 'recorder-exit', 'start-failed', 'host-down', 'purged',
] as const;

export const recordingGapView = z.object({
  id: z.number(),
  cameraId: z.string(),
  fromAt: z.number(),
  /** null while the camera is still not recording. */
  toAt: z.number().nullable(),
  cause: z.enum(GAP_CAUSE_NAMES),
  detail: z.string().nullable(),
});
export type RecordingGapView = z.infer<typeof recordingGapView>;

export const recorderStatusView = z.object({
  cameraId: z.string(),
  state: z.enum(['starting', 'recording', 'reconnecting', 'failed', 'stopped']),
  streamUrl: z.string().nullable(),
  codec: z.string().nullable(),
  /** Recorded, but not playable live in the browser: show snapshots and say why. */
  h265: z.boolean(),
  lastSegmentAt: z.number().nullable(),
  restarts: z.number(),
  nextAttemptAt: z.number().nullable(),
  openGap: z.object({ fromAt: z.number(), cause: z.enum(GAP_CAUSE_NAMES),
    detail: z.string().nullable() }).nullable(),
});
export type RecorderStatusView = z.infer<typeof recorderStatusView>;

export const retentionView = z.object({
  months: z.number(),
  legalMinimumMonths: z.number(),
  override: z.object({ reason: z.string(), actor: z.string(), at: z.number() }).nullable(),
});

export const storageView = z.object({
  at: z.number(),
  retention: retentionView,
  roots: z.array(z.object({
    path: z.string(),
    freeBytes: z.number(),
    totalBytes: z.number(),
    footageBytes: z.number(),
    belowMargin: z.boolean(),
  })),
  forecast: z.object({
    cameras: z.array(z.object({ cameraId: z.string(), mbPerHour: z.number(),
      measured: z.boolean(), neededBytes: z.number() })),
    neededBytes: z.number(),
    availableBytes: z.number(),
    safetyMarginBytes: z.number(),
    fits: z.boolean(),
    daysThatFit: z.number().nullable(),
  }),
  /** Loud: show them in red wherever storage is shown. */
  alarms: z.array(z.enum(['retention-does-not-fit', 'below-safety-margin'])),
  lastPurge: z.object({ at: z.number(), root: z.string(), segments: z.number(),
    bytes: z.number(), linked: z.number() }).nullable(),
});
export type StorageView = z.infer<typeof storageView>;

const call = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O,
  access: readonly Role[]) => ({ input, output, access });

export const VIDEO_CALLS = {
  'video.recorders': call(z.object({}), z.array(recorderStatusView), EVERYONE),
  /** Gaps overlapping [from, to), oldest first; all cameras when none is named. */
  'video.gaps': call(
    z.object({ cameraId: z.string().min(1).optional(), from: z.number().int(),
      to: z.number().int() })
      .refine((r) => r.to > r.from, { message: 'the range must end after it starts' }),
    z.array(recordingGapView),
    EVERYONE,
  ),
  /** The storage roots, the forecast and the alarms; `refresh` checks again now. */
  'video.storage': call(
    z.object({ refresh: z.boolean().default(false) }),
    storageView.nullable(),
    ['officer', 'manager', 'installer'],
  ),
  /** Below the legal minimum only with `overrideReason`; every change is audited. */
  'video.setRetention': call(
    z.object({ months: z.number().int().min(1).max(120),
      overrideReason: z.string().trim().min(4).max(500).optional() }),
    retentionView,
    KEEPERS,
  ),
  /** For the setup wizard: can footage go to this folder, and how much room is there? */
  'video.checkStorageRoot': call(
    z.object({ path: z.string().min(1).max(500) }),
    z.object({ path: z.string(), ok: z.boolean(), freeBytes: z.number().nullable(),
      totalBytes: z.number().nullable(), error: z.string().nullable() }),
    ['installer'],
  ),
} as const;
