// Exports of a time range as one MP4 file, for an inspector or the police: trimmed to the range,
// joined by stream copy in the background, with progress as events, downloadable once done, and
// audited (who took which footage out). Jobs live for the run of the host; the files stay in
// `<data>/exports` until someone deletes them.
import { randomUUID } from 'node:crypto';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ExportFailureView, ExportJobView } from '../api/contract/playback-calls.ts';
import type { Db } from '../db/database.ts';
import { writeAudit } from '../db/audit.ts';
import type { Logger } from '../log/logger.ts';
import type { ClipPlan } from './clip-plan.ts';
import { concatClip } from './concat.ts';

/** Progress events at most this often per job: a bar does not need more. */
const PROGRESS_EVERY_MS = 250;

const EXPORT_ID = /^[0-9a-f-]{36}$/;

export class ExportJobs {
  private readonly dir: string;
  private readonly ffmpeg: string | null;
  private readonly db: Db;
  private readonly log: Logger;
  private readonly onChange: (job: ExportJobView) => void;
  private readonly jobs = new Map<string, ExportJobView>();
  private readonly aborts = new Set<AbortController>();

  constructor(o: { dir: string; ffmpeg: string | null; db: Db; log: Logger;
    onChange: (job: ExportJobView) => void }) {
    this.dir = o.dir;
    this.ffmpeg = o.ffmpeg;
    this.db = o.db;
    this.log = o.log;
    this.onChange = o.onChange;
  }

  /** Starts the join and returns the job at once; failures show on the job, not as a throw. */
  start(o: { cameraId: string; cameraName: string; from: number; to: number;
    plan: ClipPlan | null; user: string }): ExportJobView {
    const job: ExportJobView = {
      exportId: randomUUID(), cameraId: o.cameraId, cameraName: o.cameraName, from: o.from,
      to: o.to, state: 'running', ratio: 0, error: null, bytes: null, url: null,
      requestedBy: o.user, createdAt: Date.now(),
    };
    this.jobs.set(job.exportId, job);
    writeAudit(this.db, { actor: o.user, action: 'video.export', subject: o.cameraId,
      detail: { exportId: job.exportId, from: o.from, to: o.to } });

    if (!this.ffmpeg) {
      return this.finish(job, { error: { code: 'no-ffmpeg', values: {},
        detail: 'ffmpeg was not found on this PC' } });
    }
    if (!o.plan) {
      return this.finish(job, { error: { code: 'no-footage', values: {},
        detail: 'no footage of this camera in that range' } });
    }
    void this.run(job, o.plan);
    return { ...job };
  }

  list(): ExportJobView[] {
    return [...this.jobs.values()].sort((a, b) => b.createdAt - a.createdAt).map((j) => ({ ...j }));
  }

  /** The finished file of an export, or null. */
  pathOf(exportId: string): string | null {
    if (!EXPORT_ID.test(exportId)) return null;
    const job = this.jobs.get(exportId);
    return job?.state === 'done' ? this.fileOf(exportId) : null;
  }

  /** Stops joins under way (host shutdown); their jobs end as failed. */
  close(): void {
    for (const abort of this.aborts) abort.abort();
  }

  private fileOf(exportId: string): string {
    return join(this.dir, `${exportId}.mp4`);
  }

  private async run(job: ExportJobView, plan: ClipPlan): Promise<void> {
    mkdirSync(this.dir, { recursive: true });
    const abort = new AbortController();
    this.aborts.add(abort);
    let lastSent = 0;

    const result = await concatClip({
      ffmpeg: this.ffmpeg!, plan, out: this.fileOf(job.exportId), signal: abort.signal,
      onProgress: (ratio) => {
        job.ratio = ratio;
        const now = Date.now();
        if (now - lastSent < PROGRESS_EVERY_MS || ratio >= 1) return;
        lastSent = now;
        this.onChange({ ...job });
      },
    });
    this.aborts.delete(abort);

    if (!result.ok) {
      this.finish(job, { error: { code: result.code, values: result.values,
        detail: result.error } });
      return;
    }
    this.log.info({ exportId: job.exportId, cameraId: job.cameraId }, 'export done');
    this.finish(job, { bytes: statSync(result.path).size });
  }

  private finish(job: ExportJobView,
    o: { error?: ExportFailureView; bytes?: number }): ExportJobView {
    if (o.error !== undefined) {
      this.log.warn({ exportId: job.exportId, cameraId: job.cameraId, code: o.error.code,
        detail: o.error.detail }, 'export failed');
      job.state = 'failed';
      job.error = o.error;
    } else {
      job.state = 'done';
      job.ratio = 1;
      job.bytes = o.bytes ?? null;
      job.url = `/api/media/export/${job.exportId}.mp4`;
    }
    this.onChange({ ...job });
    return { ...job };
  }
}
