// The core's answers to the recording and storage calls (issue #6). Without recording (no site,
// no camera that records, no ffmpeg) the status calls answer empty and the storage call null.
import { isAbsolute } from 'node:path';
import { fail, ok, type CallName } from './contract.ts';
import type { Handlers } from './dispatcher.ts';
import type { HandlerContext } from './handlers.ts';
import { gapsInRange } from '../recording/gaps.ts';
import type { CameraStatus } from '../recording/supervisor.ts';
import { statfsSource } from '../storage/free-space.ts';
import type { StorageMonitor, StorageReport } from '../storage/monitor.ts';
import { LEGAL_MINIMUM_MONTHS, setRetention } from '../storage/retention.ts';
import { checkRoot } from '../storage/roots.ts';

/** What the host's recording offers the handlers. */
export interface VideoRecording {
  statuses(): CameraStatus[];
  storage: StorageMonitor | null;
}

type VideoCalls = Extract<CallName, `video.${string}`>;

export function createVideoHandlers(ctx: HandlerContext): Pick<Handlers, VideoCalls> {
  const now = () => (ctx.now ?? Date.now)();

  return {
    'video.recorders': () => ok(ctx.recording?.statuses() ?? []),

    'video.gaps': (input) => ok(gapsInRange(ctx.db, input)),

    'video.storage': async (input) => {
      const storage = ctx.recording?.storage ?? null;
      if (!storage) return ok(null);
      const report = input.refresh ? await storage.check() : storage.report() ??
        await storage.check();
      return ok(storageView(report));
    },

    'video.setRetention': async (input, caller) => {
      const changed = setRetention(ctx.db, { months: input.months,
        actor: caller.user!.username, overrideReason: input.overrideReason }, now());
      if (!changed.ok) return fail(changed.code, changed.message);

      // Footage past the new retention goes at the next check; do it now so the answer holds.
      await ctx.recording?.storage?.check();
      return ok({ ...changed.value, legalMinimumMonths: LEGAL_MINIMUM_MONTHS });
    },

    'video.checkStorageRoot': async (input) => {
      if (!isAbsolute(input.path)) return fail('invalid_input', 'give the folder as a full path');
      const checked = await checkRoot(input.path, statfsSource);
      return ok({ path: checked.path, ok: checked.ok,
        freeBytes: checked.space?.freeBytes ?? null, totalBytes: checked.space?.totalBytes ?? null,
        error: checked.error });
    },
  };
}

function storageView(report: StorageReport) {
  const purge = report.lastPurge;
  return {
    at: report.at,
    retention: { ...report.retention, legalMinimumMonths: LEGAL_MINIMUM_MONTHS },
    roots: report.roots.map((r) => ({ path: r.path, freeBytes: r.freeBytes,
      totalBytes: r.totalBytes, footageBytes: r.footageBytes, belowMargin: r.belowMargin })),
    forecast: report.forecast,
    alarms: report.alarms.filter((a) => a !== 'none'),
    lastPurge: purge ? { at: purge.at, root: purge.root, ...purge.result } : null,
  };
}
