// Keeps each camera's own allowlist in step with the vehicle registry, so registered vehicles
// still pass while the PC is down (the camera then decides from its list). Hikvision cameras
// are written over ISAPI on a timer; Vzenith cameras take the changes in our reply to their
// next push (white_list_operate), so their changes wait here until a push comes. When each
// camera last matched the registry is stored and shown (API and Lanes page).
import type { Db } from '../../db/database.ts';
import type { CameraConfig } from '../../config/site.ts';
import { subsystemLogger, type Logger } from '../../log/logger.ts';
import type { AllowlistView } from '../../api/contract/device-calls.ts';
import type { VzenithWhitelistOperate } from '../display/camera-reply-extras.ts';
import { cameraAllowlist, type AllowlistEntry } from './allowlist-entries.ts';
import { syncHikvisionAllowlist } from './hikvision-allowlist.ts';

/** Registry changes are rare; a round every ten minutes also repairs a camera that was reset. */
export const ALLOWLIST_SYNC_MS = 10 * 60_000;

/** Plates per Vzenith reply: a reply stays small enough for the camera's parser. */
const VZENITH_BATCH = 50;

interface Row {
  attempted_at: number;
  synced_at: number | null;
  entries: number;
  plates: string;
  error: string | null;
}

export interface AllowlistSyncOptions {
  db: Db;
  cameras: CameraConfig[];
  log: Logger;
  now?: () => number;
  intervalMs?: number;
}

export class AllowlistSync {
  private readonly db: Db;
  private readonly cameras: CameraConfig[];
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly intervalMs: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<AllowlistView[]> | null = null;

  constructor(options: AllowlistSyncOptions) {
    this.db = options.db;
    this.cameras = options.cameras.filter((c) => c.allowlist);
    this.log = subsystemLogger(options.log, 'allowlist');
    this.now = options.now ?? Date.now;
    this.intervalMs = options.intervalMs ?? ALLOWLIST_SYNC_MS;
  }

  start(): void {
    const tick = () => void this.syncAll()
      .catch((err: unknown) => this.log.warn({ err }, 'allowlist round failed'));
    tick();
    this.timer = setInterval(tick, this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One round over the cameras written directly; Vzenith cameras are served by replies. */
  syncAll(): Promise<AllowlistView[]> {
    this.running ??= this.round().finally(() => (this.running = null));
    return this.running;
  }

  /** The next allowlist change for a Vzenith camera's reply; taking it counts as sent. */
  takeVzenithOperate(cameraId: string): VzenithWhitelistOperate | undefined {
    const camera = this.cameras.find((c) => c.id === cameraId && c.vendor === 'vzenith');
    if (!camera) return undefined;

    const wanted = cameraAllowlist(this.db);
    const prior = this.row(cameraId);
    const sent = new Set<string>(prior ? JSON.parse(prior.plates) as string[] : []);
    const want = new Set(wanted.map((e) => e.plate));
    const stale = [...sent].filter((p) => !want.has(p)).slice(0, VZENITH_BATCH);
    const missing = wanted.filter((e) => !sent.has(e.plate)).slice(0, VZENITH_BATCH);

    const at = this.now();
    if (stale.length === 0 && missing.length === 0) {
      if (prior?.synced_at == null) this.record(cameraId, at, [...sent], null, true);
      return undefined;
    }

    const deleting = stale.length > 0;
    const plates = deleting ? stale : missing.map((e) => e.plate);
    const next = deleting ? [...sent].filter((p) => !stale.includes(p)) : [...sent, ...plates];
    const done = next.length === want.size && next.every((p) => want.has(p));
    this.record(cameraId, at, next, null, done);
    this.log.info({ camera: cameraId, operate: deleting ? 'delete' : 'add',
      plates: plates.length }, 'allowlist change sent with the reply');
    return { operate_type: deleting ? 1 : 0, white_list_data: plates.map((plate) =>
      vzenithEntry(plate, at)) };
  }

  views(): AllowlistView[] {
    return this.cameras.map((c) => {
      const row = this.row(c.id);
      return { cameraId: c.id, supported: supported(c), syncedAt: row?.synced_at ?? null,
        attemptedAt: row?.attempted_at ?? null, entries: row?.entries ?? 0,
        error: supported(c) ? row?.error ?? null : `${c.vendor} cameras' lists are not written ` +
          'by Gatehouse' };
    });
  }

  private async round(): Promise<AllowlistView[]> {
    try {
      const wanted = cameraAllowlist(this.db);
      for (const camera of this.cameras.filter((c) => c.vendor === 'hikvision')) {
        await this.syncHikvision(camera, wanted);
      }
    } catch (err) {
      // The timer calls this: a database error is told, never thrown into the timer.
      this.log.warn({ err }, 'allowlist round failed');
    }
    return this.views();
  }

  private async syncHikvision(camera: CameraConfig, wanted: AllowlistEntry[]): Promise<void> {
    const at = this.now();
    const target = camera.allowlist;
    if (!target?.url || !target.username) {
      this.record(camera.id, at, [], 'no ISAPI address or user name configured', false);
      return;
    }
    try {
      const entries = await syncHikvisionAllowlist({ url: target.url,
        username: target.username, password: target.password ?? '' }, wanted, new Date(at));
      this.record(camera.id, at, wanted.map((e) => e.plate), null, true);
      this.log.info({ camera: camera.id, entries }, 'camera allowlist in step');
    } catch (err) {
      const error = (err as Error).message;
      this.record(camera.id, at, null, error, false);
      this.log.warn({ camera: camera.id, error }, 'camera allowlist not synced');
    }
  }

  private row(cameraId: string): Row | undefined {
    return this.db.prepare('SELECT * FROM allowlist_sync WHERE camera_id = ?').get(cameraId) as
      Row | undefined;
  }

  /** `plates` null: unchanged. `synced`: the camera's list now equals the registry's. */
  private record(cameraId: string, at: number, plates: string[] | null, error: string | null,
    synced: boolean): void {
    const prior = this.row(cameraId);
    const kept = plates ?? (prior ? JSON.parse(prior.plates) as string[] : []);
    this.db.prepare(`INSERT INTO allowlist_sync (camera_id, attempted_at, synced_at, entries,
        plates, error) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (camera_id) DO UPDATE SET attempted_at = excluded.attempted_at,
        synced_at = excluded.synced_at, entries = excluded.entries, plates = excluded.plates,
        error = excluded.error`)
      .run(cameraId, at, synced ? at : prior?.synced_at ?? null, kept.length,
        JSON.stringify(kept), error);
  }
}

function supported(camera: CameraConfig): boolean {
  return camera.vendor === 'hikvision' || camera.vendor === 'vzenith';
}

function vzenithEntry(plate: string, at: number) {
  const day = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
  return { plate, enable: 1 as const, need_alarm: 0 as const,
    enable_time: `${day(at)} 00:00:00`, overdue_time: '2037-12-31 23:59:59' };
}
