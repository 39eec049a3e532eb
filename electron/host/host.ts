// The headless host: opens the ledger, starts the devices, the lanes, the outbox drainer and
// the API, and — for the demo — the simulated world around them. The CLI and the Electron main
// process both start the core through here.
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { isAbsolute, join } from 'node:path';
import { openDatabase } from '../db/database.ts';
import { Users } from '../auth/users.ts';
import { Dispatcher } from '../api/dispatcher.ts';
import { createHandlers, type HandlerContext } from '../api/handlers.ts';
import { startApiServer, type ApiServer } from '../api/server.ts';
import { siteConfig, type SiteConfig } from '../config/site.ts';
import { demoSite } from '../config/demo-site.ts';
import { resourcePath, UI_DIR } from '../config/paths.ts';
import { LogRing, createRootLogger, subsystemLogger, type Logger } from '../log/logger.ts';
import { MediaStore } from '../media/store.ts';
import { PassageViews } from '../ledger/passage-views.ts';
import { RuleBook } from '../rules/rule-table.ts';
import { applyStoredRuleSet } from '../rules/rule-set-choice.ts';
import { LaneService } from '../lanes/lane-service.ts';
import { LaneEvents } from '../lanes/lane-events.ts';
import { enqueueOutbox, outboxCounts } from '../sync/outbox.ts';
import { OutboxDrainer } from '../sync/drainer.ts';
import { createPlatformProfile } from '../sync/profiles/create-profile.ts';
import { heartbeatSource } from '../sync/messages/heartbeat-source.ts';
import { createBarrier, type BarrierDriver } from '../devices/barrier/barrier.ts';
import { startLprListener, type LprListener } from '../devices/lpr/listener.ts';
import { seedDemo } from './demo-seed.ts';
import { DEMO_PLATFORM_SECRET, startDemoWorld, type DemoWorld } from './demo-devices.ts';
import { healthReport } from './health.ts';
import { startRecording, type RecordingSet } from './recording.ts';
import { startVideo } from './video.ts';
import { startScriptedTrucks, type ScriptedTrucks } from '../sim/scripted-trucks.ts';
import { SiteConditions } from '../alerts/site-conditions.ts';
import { capShareFromRules, complianceLimitsFromRules } from '../alerts/rule-conditions.ts';
import { DOWNLINK_POLL_MS } from '../sync/downlink.ts';
import type { Host, HostOptions } from './types.ts';

export const VERSION = '0.1.0';

/** The relay pulse of the demo board: long enough for a real barrier controller to latch. */
const DEMO_PULSE_MS = 500;

/** The demo polls the platform's alerts often, so an alert a trainer publishes shows at once. */
const DEMO_DOWNLINK_POLL_MS = 5_000;

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
    const seeded = await seedDemo(db, users);
    log.info(seeded, 'demo site ready');
  } else {
    site = readSiteFile(options.dataDir);
  }

  const views = new PassageViews(db);
  const media = new MediaStore(join(options.dataDir, 'media'));
  const rules = site ? ruleBookFor(site.rulesFile) : null;
  if (rules) applyStoredRuleSet(db, rules);
  const level = site?.enterprise.performanceLevel ?? 'unrated';
  const conditions = new SiteConditions({ db, log: subsystemLogger(root, 'alerts'),
    performanceLevel: level,
    capShare: rules ? capShareFromRules(rules, level) : undefined,
    complianceLimits: rules ? complianceLimitsFromRules(rules, Date.now) : undefined });
  const ctx: HandlerContext = { db, users, lanes: null, views, media, demo: options.demo,
    version: VERSION, conditions, rules };
  const dispatcher = new Dispatcher(createHandlers(ctx), subsystemLogger(root, 'api'),
    () => users.count() === 0);
  ctx.emit = (event, payload) => dispatcher.emit(event, payload);
  conditions.alerts.onChange((view) => dispatcher.emit('control.changed', view));
  conditions.start();
  closers.push(async () => conditions.stop());

  const lastPushAt = new Map<string, number>();
  let lpr: LprListener | null = null;
  let recording: RecordingSet | null = null;
  let drainer: OutboxDrainer | null = null;
  let trucks: ScriptedTrucks | null = null;
  const skipped: Record<string, string> = { ...(world?.skipped ?? {}) };

  if (site) {
    const s = site;
    // The profile closes after the drainer has stopped (closers run last-in first-out).
    const profile = createPlatformProfile(s.platform, {
      log: root,
      ffmpegPath: s.ffmpegPath,
      heartbeat: heartbeatSource({ db, site: s, softwareVersion: VERSION,
        dataDir: options.dataDir, barriers: () => ctx.lanes?.laneViews() ?? [], lastPushAt,
        recorders: () => recording?.states() ?? new Map() }),
      readPhoto: async (sha256) =>
        (await media.read(sha256, 'image/jpeg')) ?? media.read(sha256, 'image/png'),
      onHeartbeatAck: (at, platformTime) => {
        drainer?.link.heartbeat(at);
        // The heartbeat's answer carries the platform's clock: the drift the sync page shows.
        if (platformTime !== undefined) drainer?.link.clock(platformTime, at, at);
      },
    });
    closers.push(() => profile.close());
    drainer = new OutboxDrainer({
      db, platform: s.platform, profile, log: root,
      onChange: (c) => dispatcher.emit('sync.changed', { pending: c.pending, acked: c.acked }),
    });
    drainer.start();
    ctx.wakeOutbox = () => drainer?.wake();
    closers.push(() => drainer!.stop());

    // The platform's control measures become the alert state, whatever the profile; the
    // downlink stops before the profile closes (closers run last-in first-out).
    const downlink = profile.downlink;
    if (downlink) {
      downlink.start({ enterpriseCode: s.enterprise.code,
        take: (alerts) => conditions.alerts.takeFromPlatform(alerts),
        pollMs: options.demo ? DEMO_DOWNLINK_POLL_MS : DOWNLINK_POLL_MS });
      closers.push(() => downlink.stop());
    }

    const barriers = new Map<string, BarrierDriver>();
    for (const lane of s.lanes) barriers.set(lane.id, createBarrier(lane.barrier, root));
    closers.push(async () => {
      for (const b of barriers.values()) await b.close().catch(() => undefined);
    });

    const events = new LaneEvents(dispatcher, views, () => drainer!.wake());
    const lanes = new LaneService({ db, site: s, rules: rules!, media, barriers, events,
      enqueueOutbox, log: subsystemLogger(root, 'lane'), conditions });
    ctx.lanes = lanes;

    lpr = await startLprListener({
      host: s.lpr.host, port: s.lpr.port, cameras: s.cameras, log: root,
      onRead: (read, camera) => {
        lastPushAt.set(camera.id, Date.now());
        return lanes.handleRead(read, camera);
      },
    });
    inputClosers.push(() => lpr!.close());

    recording = await startRecording({ site: s, db, dataDir: options.dataDir, log: root });
    ctx.recording = recording;
    inputClosers.push(() => recording!.stop());
    Object.assign(skipped, recording.skipped);
  }

  let api: ApiServer | null = null;
  const health = () => healthReport({ db, site, lanes: ctx.lanes, lprPort: lpr?.port ?? null,
    lastPushAt, recorders: recording?.states() ?? new Map(), ring, links: skipped,
    storage: () => recording?.storage?.report() ?? null });
  const callerFor = (token: string | null, remote: string) => ({
    user: token ? users.userForToken(token) : null, token, remote,
  });

  // Live lanes, playback, exports and the window check (issue #6). A camera recorded with a
  // shared session is watched through its recorder; any other gets its own preview session.
  const video = startVideo({ site, db, views, dataDir: options.dataDir, log: root,
    liveSources: recording?.liveSources ?? null,
    onExportChange: (job) => dispatcher.emit('playback.exportProgress', job) });
  ctx.playback = video.playback;
  closers.push(() => video.close());

  if (options.serveHttp) {
    api = await startApiServer({
      host: site?.api.host ?? '127.0.0.1', port: flags.apiPort ?? site?.api.port ?? 8080,
      dispatcher, callerFor, health, setupRequired: () => users.count() === 0,
      uiDir: existsSync(join(UI_DIR, 'index.html')) ? UI_DIR : null,
      log: subsystemLogger(root, 'api'), extensions: video.extensions,
    });
    closers.push(() => api!.close());
  }

  if (options.demo && site && lpr && flags.trucks !== false) {
    trucks = startScriptedTrucks({ lprPort: lpr.port, log: root });
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
    lprPort: lpr?.port ?? null,
    uiUrl: api?.url ?? null,
    drainOutbox: (timeoutMs) => drainUntilEmpty(db, drainer, timeoutMs),
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

function readSiteFile(dataDir: string): SiteConfig | null {
  const file = join(dataDir, 'site.json');
  if (!existsSync(file)) return null;
  const parsed = siteConfig.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file} is not a valid site configuration`);
  return parsed.data;
}

/**
 * Every rule set shipped in resources/rules (and the site's own file, if it names one elsewhere),
 * with the site's set selected until the manager chooses another.
 */
function ruleBookFor(rulesFile: string): RuleBook {
  const file = isAbsolute(rulesFile) ? rulesFile : resourcePath('rules', rulesFile);
  const setId = new RuleBook(file).selected();
  const shipped = readdirSync(resourcePath('rules')).filter((f) => f.endsWith('.json'))
    .map((f) => resourcePath('rules', f));
  return new RuleBook([...new Set([...shipped, file])], { setId });
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
