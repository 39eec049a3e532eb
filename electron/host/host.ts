// The headless host: opens the ledger, starts the devices, the lanes, the outbox drainer and
// the API, and — for the demo — the simulated world around them. The CLI and the Electron main
// process both start the core through here.
import { existsSync, mkdirSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { openDatabase } from '../db/database.ts';
import { Users } from '../auth/users.ts';
import { Dispatcher } from '../api/dispatcher.ts';
import { createHandlers, type HandlerContext } from '../api/handlers.ts';
import { startApiServer, type ApiServer, type ServerExtension } from '../api/server.ts';
import { startMediaServer, type MediaServer } from '../api/media-server.ts';
import type { SiteConfig } from '../config/site.ts';
import { demoSite } from '../config/demo-site.ts';
import { UI_DIR } from '../config/paths.ts';
import { LogRing, createRootLogger, subsystemLogger, type Logger } from '../log/logger.ts';
import { MediaStore } from '../media/store.ts';
import { PassageViews } from '../ledger/passage-views.ts';
import { outboxCounts } from '../sync/outbox.ts';
import type { OutboxDrainer } from '../sync/drainer.ts';
import { readSiteFile } from '../setup/site-file.ts';
import { seedDemo } from './demo-seed.ts';
import { DEMO_PLATFORM_SECRET, startDemoWorld, type DemoWorld } from './demo-devices.ts';
import { healthReport } from './health.ts';
import { startSiteServices, type SiteRuntimeDeps } from './site-runtime.ts';
import { currentExtensions } from '../api/current-extensions.ts';
import { startScriptedTrucks, type ScriptedTrucks } from '../sim/scripted-trucks.ts';
import {
  applyDemoCameras, DEFAULT_DEMO_CAMERAS, startDemoStreamCamera, type DemoCameraChoice,
} from '../sim/demo-cameras.ts';
import type { StreamCamera } from '../sim/lpr-stream-camera.ts';
import type { Host, HostOptions } from './types.ts';

export const VERSION = '0.1.0';

/** The relay pulse of the demo board: long enough for a real barrier controller to latch. */
const DEMO_PULSE_MS = 500;

export interface RunningHost extends Host {
  log: Logger;
  db: ReturnType<typeof openDatabase>;
  /** Whether the demo's scripted trucks are driving. */
  scriptedTrucks: boolean;
  lprPort: number | null;
  /** Links of the chain that could not run here, with why (e.g. no ffmpeg: no recording). */
  skipped: Record<string, string>;
  health(): ReturnType<typeof healthReport>;
  /** Waits until the outbox is empty or the time is up; returns the rows still pending. */
  drainOutbox(timeoutMs: number): Promise<number>;
  /** Stops what brings new data in (trucks, LPR listener, recorders: last segment indexed). */
  stopInputs(): Promise<void>;
}

export async function startHost(options: HostOptions & { pulseMs?: number; logToStderr?: boolean }):
  Promise<RunningHost> {
  mkdirSync(options.dataDir, { recursive: true });
  const ring = new LogRing();
  const root = createRootLogger({ file: join(options.dataDir, 'logs', 'gatehouse.log'), ring,
    stderr: options.logToStderr });
  const log = subsystemLogger(root, 'host');
  const flags = options.demoFlags ?? {};
  const closers: Array<() => Promise<void>> = [];
  const inputClosers: Array<() => Promise<void>> = [];

  const db = openDatabase(join(options.dataDir, 'gatehouse.db'));
  closers.push(async () => {
    db.close();
  });
  const users = new Users(db);

  let world: DemoWorld | null = null;
  let demoCameras: DemoCameraChoice = DEFAULT_DEMO_CAMERAS;
  let demoStream: StreamCamera | null = null;
  let site: SiteConfig | null = null;
  if (options.demo) {
    world = await startDemoWorld(options.dataDir, flags, options.pulseMs ?? DEMO_PULSE_MS, root);
    closers.push(() => world!.stop());
    site = demoSite({
      lprPort: flags.lprPort ?? 8085, apiPort: flags.apiPort ?? 8080,
      lane1Barrier: world.lane1Barrier, platformUrl: world.platformUrl,
      platformSecret: DEMO_PLATFORM_SECRET, onvif: world.onvif,
      rulesFile: 'henan-bulk-transport.json',
    });
    // The lanes' camera vendors (--lane1-camera, --lane2-camera); lane 1 may stream.
    demoCameras = { ...DEFAULT_DEMO_CAMERAS, ...flags.cameras };
    demoStream = await startDemoStreamCamera(demoCameras, root);
    if (demoStream) closers.push(() => demoStream!.close());
    applyDemoCameras(site, demoCameras, demoStream);
    const seeded = await seedDemo(db, users);
    log.info(seeded, 'demo site ready');
  } else {
    site = readSiteFile(options.dataDir);
  }

  const views = new PassageViews(db);
  const lastPushAt = new Map<string, number>();
  const ctx: HandlerContext = { db, users, lanes: null, views,
    media: new MediaStore(join(options.dataDir, 'media')), demo: options.demo,
    version: VERSION, rules: null, enterpriseCode: site?.enterprise.code };
  const dispatcher = new Dispatcher(createHandlers(ctx), subsystemLogger(root, 'api'),
    () => users.count() === 0);
  ctx.emit = (event, payload) => dispatcher.emit(event, payload);

  const runtimeDeps: SiteRuntimeDeps = { db, root, dataDir: options.dataDir, demo: options.demo,
    version: VERSION, dispatcher, ctx, views, lastPushAt };
  let services = await startSiteServices(runtimeDeps, site);
  let trucks: ScriptedTrucks | null = null;
  const skipped: Record<string, string> = { ...(world?.skipped ?? {}), ...services.skipped };

  // A saved site replaces the running services; one apply at a time, in the order saved.
  let applying: Promise<unknown> = Promise.resolve();
  ctx.setup = {
    dataDir: options.dataDir,
    current: () => site,
    applySite: (next) => {
      // A site that cannot start is refused and the previous one started again, so a typo in
      // a port or serial device never leaves the gate without its lanes.
      const run = applying.then(async () => {
        await services.stop();
        try {
          services = await startSiteServices(runtimeDeps, next);
        } catch (err) {
          services = await startSiteServices(runtimeDeps, site);
          throw err;
        }
        site = next;
        ctx.enterpriseCode = next.enterprise.code;
        return { lprPort: services.lpr?.port ?? null };
      });
      applying = run.catch(() => undefined);
      return run;
    },
    lprPort: () => services.lpr?.port ?? null,
  };
  closers.push(() => services.stop());
  inputClosers.push(() => services.stopInputs());

  let api: ApiServer | null = null;
  const health = () => healthReport({ db, site, lanes: ctx.lanes,
    lprPort: services.lpr?.port ?? null, lastPushAt,
    recorders: services.recording?.states() ?? new Map(), ring, links: skipped,
    devices: ctx.devices?.health() ?? [],
    storage: () => services.recording?.storage?.report() ?? null });
  const callerFor = (token: string | null, remote: string) => ({
    user: token ? users.userForToken(token) : null, token, remote,
  });

  // Live lanes and media (issue #6) of whichever site generation is running.
  const video = currentExtensions(() => services.video?.extensions ?? []);

  if (options.serveHttp) {
    api = await startApiServer({
      host: site?.api.host ?? '127.0.0.1', port: flags.apiPort ?? site?.api.port ?? 8080,
      dispatcher, callerFor, health, setupRequired: () => users.count() === 0,
      uiDir: existsSync(join(UI_DIR, 'index.html')) ? UI_DIR : null,
      log: subsystemLogger(root, 'api'),
      extensions: [video],
    });
    closers.push(() => api!.close());
  }

  let media: MediaServer | null = null;
  if (options.serveWindowMedia) {
    media = await startWindowMedia(callerFor, video, subsystemLogger(root, 'media'), skipped);
    if (media) closers.push(() => media!.close());
  }

  if (options.demo && site && services.lpr && flags.trucks !== false) {
    trucks = startScriptedTrucks({ lprPort: services.lpr.port, log: root, cameras: demoCameras,
      stream: demoStream });
    inputClosers.push(() => trucks!.stop());
  }

  async function stopInputs(): Promise<void> {
    for (const close of inputClosers.splice(0).reverse()) {
      await close().catch((err) => log.warn({ err }, 'stop step failed'));
    }
  }

  return {
    dispatcher, callerFor, log, skipped, health, db,
    scriptedTrucks: trucks !== null,
    lprPort: services.lpr?.port ?? null,
    uiUrl: api?.url ?? null,
    mediaOrigin: media?.origin ?? null,
    drainOutbox: (timeoutMs) => drainUntilEmpty(db, services.drainer, timeoutMs),
    stopInputs,
    close: async () => {
      await stopInputs();
      for (const close of closers.reverse()) {
        await close().catch((err) => log.warn({ err }, 'close step failed'));
      }
      root.flush?.();
    },
  };
}

/**
 * The desktop window's media server. A failure costs the window its video, not the gate its
 * lanes: it is logged and listed with the links that could not run, and the host goes on.
 */
async function startWindowMedia(
  callerFor: Host['callerFor'], video: ServerExtension, log: Logger,
  skipped: Record<string, string>,
): Promise<MediaServer | null> {
  try {
    return await startMediaServer({ callerFor, extensions: [video], log });
  } catch (err) {
    log.error({ err }, "the window's media server could not start: no video in the window");
    skipped.windowMedia = `media server could not start: ${(err as Error).message}`;
    return null;
  }
}

/** How often the end-of-run drain looks at the outbox again. */
const DRAIN_POLL_MS = 200;

async function drainUntilEmpty(
  db: ReturnType<typeof openDatabase>, drainer: OutboxDrainer | null, timeoutMs: number,
): Promise<number> {
  const end = Date.now() + timeoutMs;
  while (drainer && Date.now() < end) {
    if (outboxCounts(db).pending === 0) return 0;
    drainer.wake();
    await sleep(DRAIN_POLL_MS);
  }
  return outboxCounts(db).pending;
}
