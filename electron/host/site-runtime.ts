// Everything the host runs because of the site configuration: the rule book and the conditions
// the lanes decide under, the platform profile and its outbox drainer, the barriers, the lanes,
// the LPR listener and the recorders. The installer's wizard saves a new site and the host
// applies it here, in-process: the old services stop (inputs first), the new ones start.
import { join, isAbsolute } from 'node:path';
import { readdirSync } from 'node:fs';
import type { Db } from '../db/database.ts';
import type { SiteConfig } from '../config/site.ts';
import { resourcePath } from '../config/paths.ts';
import { subsystemLogger, type Logger } from '../log/logger.ts';
import type { Dispatcher } from '../api/dispatcher.ts';
import type { HandlerContext } from '../api/handlers.ts';
import type { PassageViews } from '../ledger/passage-views.ts';
import { rememberMediaRoot } from './media-root-history.ts';
import { MediaRoots } from './media-roots.ts';
import { RuleBook } from '../rules/rule-table.ts';
import { applyStoredRuleSet } from '../rules/rule-set-choice.ts';
import { LaneService } from '../lanes/lane-service.ts';
import { LaneEvents } from '../lanes/lane-events.ts';
import { enqueueOutbox } from '../sync/outbox.ts';
import { OutboxDrainer } from '../sync/drainer.ts';
import { createPlatformProfile } from '../sync/profiles/create-profile.ts';
import { heartbeatSource } from '../sync/messages/heartbeat-source.ts';
import { DOWNLINK_POLL_MS } from '../sync/downlink.ts';
import { createBarrier, type BarrierDriver } from '../devices/barrier/barrier.ts';
import { HeartbeatOpens } from '../devices/barrier/heartbeat-opens.ts';
import { takesHeartbeatOpens } from '../devices/lpr/adapters.ts';
import { startLprListener, type LprListener } from '../devices/lpr/listener.ts';
import { startLprStreams } from '../devices/lpr/lpr-streams.ts';
import { SiteConditions } from '../alerts/site-conditions.ts';
import { capShareFromRules, complianceLimitsFromRules } from '../alerts/rule-conditions.ts';
import { startRecording, type RecordingSet } from './recording.ts';
import { startVideo, type VideoServices } from './video.ts';
import { startDeviceServices } from './device-services.ts';

/** The demo polls the platform's alerts often, so an alert a trainer publishes shows at once. */
const DEMO_DOWNLINK_POLL_MS = 5_000;

/** The demo probes its devices every second, so a trainer sees a pulled cable at once. */
const DEMO_HEALTH_SWEEP_MS = 1_000;

export interface SiteRuntimeDeps {
  db: Db;
  root: Logger;
  dataDir: string;
  demo: boolean;
  version: string;
  dispatcher: Dispatcher;
  ctx: HandlerContext;
  views: PassageViews;
  lastPushAt: Map<string, number>;
}

/** One generation of the site's services; `applySite` replaces it with the next. */
export interface SiteServices {
  site: SiteConfig | null;
  lpr: LprListener | null;
  recording: RecordingSet | null;
  /** Live lanes and playback (issue #6); null until the site's recorders have started. */
  video: VideoServices | null;
  drainer: OutboxDrainer | null;
  skipped: Record<string, string>;
  /** Stops what brings new data in (LPR listener, recorders). */
  stopInputs(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts one generation; when a part fails to start (a port taken, a serial device missing) the
 * parts already running are stopped again before the error goes to the caller, so a refused
 * site leaves no listener or drainer behind and the previous one can start in its place.
 */
export async function startSiteServices(
  d: SiteRuntimeDeps, site: SiteConfig | null,
): Promise<SiteServices> {
  const started: { services?: SiteServices } = {};
  try {
    return await startGeneration(d, site, started);
  } catch (err) {
    await started.services?.stop();
    throw err;
  }
}

async function startGeneration(
  d: SiteRuntimeDeps, site: SiteConfig | null, started: { services?: SiteServices },
): Promise<SiteServices> {
  const { db, root, ctx, dispatcher } = d;
  const log = subsystemLogger(root, 'host');
  const closers: Array<() => Promise<void>> = [];
  const inputClosers: Array<() => Promise<void>> = [];
  const skipped: Record<string, string> = {};

  const storageRoot = site?.storage?.root ?? d.dataDir;
  const mediaRoot = join(storageRoot, 'media');
  const media = new MediaRoots(mediaRoot, d.dataDir, rememberMediaRoot(db, mediaRoot));
  ctx.media = media;
  const rules = site ? ruleBookFor(site.rulesFile) : null;
  if (rules) applyStoredRuleSet(db, rules);
  const level = site?.enterprise.performanceLevel ?? 'unrated';
  const conditions = new SiteConditions({ db, log: subsystemLogger(root, 'alerts'),
    performanceLevel: level,
    capShare: rules ? capShareFromRules(rules, level) : undefined,
    complianceLimits: rules ? complianceLimitsFromRules(rules, Date.now) : undefined });
  ctx.conditions = conditions;
  ctx.rules = rules;
  ctx.lanes = null;
  ctx.devices = null;
  ctx.recording = null;
  ctx.playback = null;
  const unwatch = conditions.alerts.onChange((view) => dispatcher.emit('control.changed', view));
  conditions.start();
  closers.push(async () => {
    conditions.stop();
    if (typeof unwatch === 'function') unwatch();
  });

  const services: SiteServices = {
    site, lpr: null, recording: null, video: null, drainer: null, skipped,
    stopInputs: async () => {
      for (const close of inputClosers.splice(0).reverse()) {
        await close().catch((err) => log.warn({ err }, 'stop step failed'));
      }
    },
    stop: async () => {
      await services.stopInputs();
      for (const close of closers.splice(0).reverse()) {
        await close().catch((err) => log.warn({ err }, 'close step failed'));
      }
    },
  };
  started.services = services;
  if (!site || !rules) return services;

  // The profile closes after the drainer has stopped (closers run last-in first-out).
  const profile = createPlatformProfile(site.platform, {
    log: root,
    ffmpegPath: site.ffmpegPath,
    heartbeat: heartbeatSource({ db, site, softwareVersion: d.version,
      dataDir: d.dataDir, barriers: () => ctx.lanes?.laneViews() ?? [], lastPushAt: d.lastPushAt,
      recorders: () => services.recording?.states() ?? new Map() }),
    readPhoto: async (sha256) =>
      (await media.read(sha256, 'image/jpeg')) ?? media.read(sha256, 'image/png'),
    // The answer carries the platform's clock: the drift the sync page shows.
    onHeartbeat: (outcome) => services.drainer?.link.heartbeat(outcome),
  });
  closers.push(() => profile.close());
  const drainer = new OutboxDrainer({
    db, platform: site.platform, profile, log: root,
    onChange: (c) => dispatcher.emit('sync.changed', { pending: c.pending, acked: c.acked }),
  });
  services.drainer = drainer;
  drainer.start();
  ctx.wakeOutbox = () => drainer.wake();
  closers.push(() => drainer.stop());

  // The platform's control measures become the alert state, whatever the profile; the
  // downlink stops before the profile closes (closers run last-in first-out).
  const downlink = profile.downlink;
  if (downlink) {
    downlink.start({ enterpriseCode: site.enterprise.code,
      take: (alerts) => conditions.alerts.takeFromPlatform(alerts),
      pollMs: d.demo ? DEMO_DOWNLINK_POLL_MS : DOWNLINK_POLL_MS });
    closers.push(() => downlink.stop());
  }

  // A manual open on a camera-reply lane waits for the camera's next heartbeat, where its
  // vendor runs commands from that reply (Vzenith in comet mode, Huaxia).
  const heartbeatOpens = new HeartbeatOpens();
  const drivers = new Map<string, BarrierDriver>();
  for (const lane of site.lanes) {
    const camera = site.cameras.find((c) => c.id === lane.cameraId);
    const heartbeatOpen = camera && takesHeartbeatOpens(camera.vendor)
      ? { opens: heartbeatOpens, cameraId: camera.id, vendor: camera.vendor } : undefined;
    drivers.set(lane.id, createBarrier(lane.barrier, root, { heartbeatOpen }));
  }
  closers.push(async () => {
    heartbeatOpens.close();
    for (const b of drivers.values()) await b.close().catch(() => undefined);
  });

  // Device health, lane displays and camera allowlists (issue #3); they stop before the
  // barriers close (closers run last-in first-out).
  const devices = startDeviceServices({ db, site, log: root, barriers: drivers,
    onHealth: (views) => dispatcher.emit('devices.health', views),
    sweepMs: d.demo ? DEMO_HEALTH_SWEEP_MS : undefined });
  ctx.devices = devices;
  closers.push(() => devices.stop());
  const barriers = devices.barriers;

  const events = new LaneEvents(dispatcher, d.views, () => drainer.wake());
  const lanes = new LaneService({ db, site, rules, media, barriers, events,
    enqueueOutbox, log: subsystemLogger(root, 'lane'), conditions });
  ctx.lanes = lanes;

  services.lpr = await startLprListener({
    host: site.lpr.host, port: site.lpr.port, cameras: site.cameras, log: root,
    onRead: (read, camera, origin) => {
      if (origin === 'camera') d.lastPushAt.set(camera.id, Date.now());
      return devices.afterRead(read, camera, lanes.handleRead(read, camera, origin), origin);
    },
    onAlive: (camera, kind) => devices.cameraAlive(camera.id, kind),
    takeHeartbeatOpen: (camera) => heartbeatOpens.take(camera.id),
  });
  inputClosers.push(() => services.lpr!.close());

  // Cameras configured with an event stream are fetched from, besides any pushes they send.
  const streams = startLprStreams({
    cameras: site.cameras, log: root,
    onRead: (read, camera) => {
      d.lastPushAt.set(camera.id, Date.now());
      return devices.afterRead(read, camera, lanes.handleRead(read, camera));
    },
    onAlive: (camera, kind) => devices.cameraAlive(camera.id, kind),
  });
  inputClosers.push(() => streams.close());

  const recording = await startRecording({ site, db, dataDir: storageRoot, log: root });
  services.recording = recording;
  inputClosers.push(() => recording.stop());
  Object.assign(skipped, recording.skipped);
  ctx.recording = recording;

  // Live lanes, playback, exports and the window check (issue #6). A camera recorded with a
  // shared session is watched through its recorder; any other gets its own preview session.
  const video = startVideo({ site, db, views: d.views, dataDir: storageRoot, log: root,
    liveSources: recording.liveSources,
    onExportChange: (job) => dispatcher.emit('playback.exportProgress', job) });
  services.video = video;
  ctx.playback = video.playback;
  closers.push(() => video.close());
  return services;
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
