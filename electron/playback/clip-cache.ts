// Clips to watch, made on demand by stream copy and kept for a while in `<data>/clips`. A clip is
// named by what it is made of (the segments and their cuts), so asking twice for the same
// footage costs one join, and two viewers asking at once wait for the same ffmpeg.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ClipView } from '../api/contract/playback-calls.ts';
import type { Logger } from '../log/logger.ts';
import type { ClipPlan } from './clip-plan.ts';
import { concatClip } from './concat.ts';

/** Clips are a cache of the segments: after a day nobody is watching them any more. */
export const CLIP_KEEP_MS = 24 * 3_600_000;

const CLIP_ID = /^[0-9a-f]{32}$/;

export class ClipCache {
  private readonly dir: string;
  private readonly ffmpeg: string | null;
  private readonly log: Logger;
  private readonly making = new Map<string, Promise<{ ok: boolean; error?: string }>>();

  constructor(o: { dir: string; ffmpeg: string | null; log: Logger }) {
    this.dir = o.dir;
    this.ffmpeg = o.ffmpeg;
    this.log = o.log;
    mkdirSync(this.dir, { recursive: true });
  }

  /** Joins the plan's segments (or finds the clip made before) and describes it. */
  async clip(cameraId: string, plan: ClipPlan):
    Promise<{ ok: true; clip: ClipView } | { ok: false; error: string }> {
    if (!this.ffmpeg) return { ok: false, error: 'ffmpeg was not found on this PC' };

    const clipId = clipIdOf(plan);
    const made = await this.make(clipId, plan);
    if (!made.ok) return { ok: false, error: made.error ?? 'the clip could not be made' };

    return {
      ok: true,
      clip: {
        cameraId,
        clipId,
        url: `/api/media/clip/${clipId}.mp4`,
        startAt: plan.startAt,
        endAt: plan.endAt,
        duration: plan.duration,
        pieces: plan.pieces.map((p) => ({ startAt: p.startAt, endAt: p.endAt,
          offset: p.offset })),
        holes: plan.holes,
      },
    };
  }

  /** The file of a clip made here, or null (unknown or malformed id). */
  pathOf(clipId: string): string | null {
    if (!CLIP_ID.test(clipId)) return null;
    const path = join(this.dir, `${clipId}.mp4`);
    return existsSync(path) ? path : null;
  }

  /** Removes clips older than CLIP_KEEP_MS; run at start and now and then. */
  sweep(now: number): number {
    let removed = 0;
    for (const name of readdirSync(this.dir)) {
      const path = join(this.dir, name);
      const age = now - statSync(path).mtimeMs;
      if (age < CLIP_KEEP_MS) continue;
      rmSync(path, { force: true });
      removed += 1;
    }
    return removed;
  }

  private make(clipId: string, plan: ClipPlan): Promise<{ ok: boolean; error?: string }> {
    const out = join(this.dir, `${clipId}.mp4`);
    if (existsSync(out)) return Promise.resolve({ ok: true });

    let pending = this.making.get(clipId);
    if (!pending) {
      pending = concatClip({ ffmpeg: this.ffmpeg!, plan, out }).then((r) => {
        if (!r.ok) this.log.warn({ clipId, error: r.error }, 'clip could not be made');
        return r.ok ? { ok: true } : { ok: false, error: r.error };
      }).finally(() => this.making.delete(clipId));
      this.making.set(clipId, pending);
    }
    return pending;
  }
}

function clipIdOf(plan: ClipPlan): string {
  const parts = plan.pieces.map((p) => [p.segment.id, p.segment.path, p.inpoint, p.outpoint]);
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
}
