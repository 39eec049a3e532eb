// Playback as the API offers it: a camera's day on the timeline (segments and gaps), a clip of
// any window, the clips around a passage, exports, and the inspector's window check (the gate's
// footage beside the ledger rows of the same minutes). Segment and gap SQL stays in
// recording/segments.ts and recording/gaps.ts; this module only reads through them.
import { join } from 'node:path';
import type { Reason } from '../api/contract.ts';
import type { ClipView, ExportJobView, WindowRowView } from '../api/contract/playback-calls.ts';
import {
  exportRangeProblem, reasonInEnglish, windowCheckProblem,
} from '../api/contract/video-ranges.ts';
import { gateOfCamera, type SiteConfig } from '../config/site.ts';
import type { Db } from '../db/database.ts';
import type { PassageViews } from '../ledger/passage-views.ts';
import type { Logger } from '../log/logger.ts';
import { gapsInRange } from '../recording/gaps.ts';
import { segmentsInRange } from '../recording/segments.ts';
import { DAY_MS, SHANGHAI_OFFSET_MS } from '../alerts/shanghai-day.ts';
import { ClipCache } from './clip-cache.ts';
import { planClip } from './clip-plan.ts';
import { ExportJobs } from './exports.ts';

/** A passage's clip: the truck approaching and the barrier closing behind it. */
export const PASSAGE_BEFORE_MS = 10_000;
export const PASSAGE_AFTER_MS = 20_000;

/** Passages of one window check at most; 10 minutes of one gate never come near it. */
const WINDOW_ROWS_LIMIT = 200;

/** A refusal carries a reason for the UI to word; its English is the message. */
type Failure = { ok: false; code: 'not_found' | 'device_error' | 'invalid_input';
  message: string; reason?: Reason };

/** A range the rules refuse. */
const refusal = (reason: Reason): Failure =>
  ({ ok: false, code: 'invalid_input', message: reasonInEnglish(reason), reason });

export interface PlaybackServiceOptions {
  db: Db;
  site: SiteConfig;
  views: PassageViews;
  dataDir: string;
  ffmpeg: string | null;
  log: Logger;
  onExportChange(job: ExportJobView): void;
}

export class PlaybackService {
  readonly clips: ClipCache;
  readonly exports: ExportJobs;
  private readonly o: PlaybackServiceOptions;

  constructor(o: PlaybackServiceOptions) {
    this.o = o;
    this.clips = new ClipCache({ dir: join(o.dataDir, 'clips'), ffmpeg: o.ffmpeg, log: o.log });
    this.clips.sweep(Date.now());
    this.exports = new ExportJobs({ dir: join(o.dataDir, 'exports'), ffmpeg: o.ffmpeg, db: o.db,
      log: o.log, onChange: o.onExportChange });
  }

  cameras(): Array<{ id: string; name: string; gateId: string }> {
    return this.o.site.cameras.filter((c) => c.record)
      .map((c) => ({ id: c.id, name: c.name, gateId: gateOfCamera(this.o.site, c.id) }));
  }

  /** `day` is a calendar day in Asia/Shanghai, where the gate is. */
  day(cameraId: string, day: string) {
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    const from = Date.UTC(y, m - 1, d) - SHANGHAI_OFFSET_MS;
    const to = from + DAY_MS;
    const range = { cameraId, from, to };

    const segments = segmentsInRange(this.o.db, range)
      .map((s) => ({ startAt: s.startAt, endAt: s.endAt }));
    const gaps = gapsInRange(this.o.db, range)
      .map((g) => ({ fromAt: g.fromAt, toAt: g.toAt, cause: g.cause, detail: g.detail }));
    return { from, to, segments, gaps };
  }

  async clip(cameraId: string, from: number, to: number):
    Promise<{ ok: true; clip: ClipView | null } | Failure> {
    const segments = segmentsInRange(this.o.db, { cameraId, from, to });
    const plan = planClip(segments, { from, to }, 'watch');
    if (!plan) return { ok: true, clip: null };

    const made = await this.clips.clip(cameraId, plan);
    if (!made.ok) return { ok: false, code: 'device_error', message: made.error };
    return { ok: true, clip: made.clip };
  }

  async passageClips(passageId: string) {
    const passage = this.o.views.byId(passageId);
    if (!passage) return { ok: false as const, code: 'not_found' as const,
      message: `no passage ${passageId}` };

    const gateId = this.o.site.lanes.find((l) => l.id === passage.laneId)?.gateId
      ?? this.o.site.gates[0]!.id;
    const from = passage.capturedAt - PASSAGE_BEFORE_MS;
    const to = passage.capturedAt + PASSAGE_AFTER_MS;
    const found = await this.gateClips(gateId, from, to, passage.capturedAt);
    if (!found.ok) return found;
    return { ok: true as const, value: { capturedAt: passage.capturedAt, ...found.value } };
  }

  startExport(o: { cameraId: string; from: number; to: number; user: string }):
    { ok: true; job: ExportJobView } | Failure {
    const problem = exportRangeProblem(o, Date.now());
    if (problem) return refusal(problem);

    const camera = this.o.site.cameras.find((c) => c.id === o.cameraId);
    const segments = segmentsInRange(this.o.db, o);
    const plan = planClip(segments, o, 'export');
    return { ok: true,
      job: this.exports.start({ ...o, cameraName: camera?.name || o.cameraId, plan }) };
  }

  async windowCheck(o: { gateId?: string; from: number; to: number }) {
    const problem = windowCheckProblem(o, Date.now());
    if (problem) return refusal(problem);

    const gateId = o.gateId ?? this.o.site.gates[0]!.id;
    if (!this.o.site.gates.some((g) => g.id === gateId)) {
      return { ok: false as const, code: 'not_found' as const, message: `no gate ${gateId}` };
    }

    const found = await this.gateClips(gateId, o.from, o.to, null);
    if (!found.ok) return found;
    return { ok: true as const,
      value: { gateId, from: o.from, to: o.to, ...found.value, rows: this.rows(gateId, o) } };
  }

  close(): void {
    this.exports.close();
  }

  /**
   * One clip per recording camera of the gate. With `mustShow`, a camera whose indexed footage
   * does not reach that moment yet (its segment is still being written) counts as missing.
   */
  private async gateClips(gateId: string, from: number, to: number, mustShow: number | null) {
    const clips: ClipView[] = [];
    const missing: string[] = [];
    for (const camera of this.cameras().filter((c) => c.gateId === gateId)) {
      const made = await this.clip(camera.id, from, to);
      if (!made.ok) return made;
      const clip = made.clip;
      const shows = clip && (mustShow === null
        || clip.pieces.some((p) => mustShow >= p.startAt && mustShow < p.endAt));
      if (shows) clips.push(clip);
      else missing.push(camera.id);
    }
    return { ok: true as const, value: { clips, missing } };
  }

  private rows(gateId: string, o: { from: number; to: number }): WindowRowView[] {
    const lanes = new Set(this.o.site.lanes.filter((l) => l.gateId === gateId).map((l) => l.id));
    const found = this.o.views.search({ from: o.from, to: o.to, limit: WINDOW_ROWS_LIMIT,
      offset: 0 });
    return found.rows.filter((p) => lanes.has(p.laneId)).reverse().map((p) => ({
      passageId: p.id, laneId: p.laneId, direction: p.direction, plate: p.plate,
      plateColor: p.plateColor, decision: p.decision, capturedAt: p.capturedAt,
    }));
  }
}
