// The lane on real parts, for the lane integration suites: a SQLite file in a temp folder, a
// media folder, the Henan rule table file, the demo site's two lanes — lane 1 behind a Modbus TCP
// relay board simulator on loopback, lane 2 a Vzenith camera that opens on our reply (and takes
// a manual open in the reply to its comet heartbeat) — and the API dispatcher, whose events a
// guard's subscription captures.
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../electron/db/database.ts';
import { openSqlite } from '../../native/sqlite.ts';
import { Users } from '../../electron/auth/users.ts';
import { Dispatcher } from '../../electron/api/dispatcher.ts';
import { createHandlers } from '../../electron/api/handlers.ts';
import type { EventName } from '../../electron/api/contract.ts';
import { demoSite, DEMO_CAMERA_1_MAC, DEMO_VEHICLES } from '../../electron/config/demo-site.ts';
import type { CameraConfig, SiteConfig } from '../../electron/config/site.ts';
import { resourcePath } from '../../electron/config/paths.ts';
import { createBarrier, type BarrierDriver } from '../../electron/devices/barrier/barrier.ts';
import { ModbusBuses } from '../../electron/devices/barrier/modbus-buses.ts';
import { HeartbeatOpens } from '../../electron/devices/barrier/heartbeat-opens.ts';
import type { PlateRead } from '../../electron/devices/lpr/plate-read.ts';
import { startLprListener, type LprListener } from '../../electron/devices/lpr/listener.ts';
import { LaneEvents } from '../../electron/lanes/lane-events.ts';
import { LaneService } from '../../electron/lanes/lane-service.ts';
import { PassageViews } from '../../electron/ledger/passage-views.ts';
import { VehicleRegistry } from '../../electron/ledger/vehicles.ts';
import { silentLogger } from '../../electron/log/logger.ts';
import { MediaStore } from '../../electron/media/store.ts';
import { RuleBook } from '../../electron/rules/rule-table.ts';
import { startModbusBoard, type ModbusBoard } from '../../electron/sim/modbus-board.ts';
import { enqueueOutbox } from '../../electron/sync/outbox.ts';

/** Short enough for quick tests; the schema's minimum, so it is a pulse a controller takes. */
export const PULSE_MS = 100;
export const RELAY_SLAVE = 1;
export const RELAY_COIL = 0;

export const SCENE_JPEG = readFileSync(resourcePath('demo', 'scene.jpg'));
export const PLATE_JPEG = readFileSync(resourcePath('demo', 'plate-crop.jpg'));

/** A manual open on lane 2 waits this long for the camera's comet heartbeat. */
export const OPEN_EXPIRY_MS = 1_500;

/** 2024-11-05 09:30 in Asia/Shanghai: a weekday morning at the gate. */
export const MORNING = Date.UTC(2024, 10, 5, 1, 30);

export interface CapturedEvent {
  event: EventName;
  payload: any;
}

export interface LaneWorld {
  dir: string;
  dbFile: string;
  db: Db;
  media: MediaStore;
  board: ModbusBoard;
  site: SiteConfig;
  lanes: LaneService;
  /** Manual opens waiting for lane 2's camera to call in (the listener takes them). */
  heartbeatOpens: HeartbeatOpens;
  views: PassageViews;
  registry: VehicleRegistry;
  /** The API as every transport reaches it: calls by a caller with a role. */
  dispatcher: Dispatcher;
  /** What a guard's subscription received, in order. */
  events: CapturedEvent[];
  outboxWakes: number;
  camera(id: 'cam-1' | 'cam-2'): CameraConfig;
  /** Run by close() after the barriers and the board, before the folder goes. */
  closeLast: Array<() => void>;
  close(): Promise<void>;
}

export interface LaneWorldOptions {
  /** Lane 2 (cam-2) is the gate's exit lane instead of a second entry lane. */
  exitLane2?: boolean;
  /** Lane 2's camera is a Huaxia mode-5 camera with this `cam_id`, not the demo's Vzenith. */
  huaxiaLane2?: string;
}

export async function startLaneWorld(options: LaneWorldOptions = {}): Promise<LaneWorld> {
  const log = silentLogger();
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-lane-'));
  const dbFile = join(dir, 'gatehouse.db');
  const db = openDatabase(dbFile);
  const media = new MediaStore(join(dir, 'media'));
  const board = await startModbusBoard({ tcpPort: 0, host: '127.0.0.1', slave: RELAY_SLAVE, log });

  const site = demoSite({
    lprPort: 0, apiPort: 0, platformUrl: 'http://127.0.0.1:9/', platformSecret: 'x'.repeat(32),
    rulesFile: resourcePath('rules', 'henan-bulk-transport.json'),
    lane1Barrier: { kind: 'modbus-tcp', host: '127.0.0.1', port: board.port!, slave: RELAY_SLAVE,
      coil: RELAY_COIL, pulseMs: PULSE_MS, timeoutMs: 300 },
  });
  if (options.exitLane2) {
    site.lanes[1] = { ...site.lanes[1]!, name: '2号出口车道', nameEn: 'Exit lane 2',
      direction: 'out' };
  }
  if (options.huaxiaLane2) {
    site.cameras[1] = { ...site.cameras[1]!, vendor: 'huaxia', serialNo: options.huaxiaLane2 };
  }
  const buses = new ModbusBuses();
  const barriers = new Map<string, BarrierDriver>();
  const heartbeatOpens = new HeartbeatOpens({ expiryMs: OPEN_EXPIRY_MS });
  for (const lane of site.lanes) {
    const camera = site.cameras.find((c) => c.id === lane.cameraId)!;
    const heartbeatOpen = camera.id === 'cam-2'
      ? { opens: heartbeatOpens, cameraId: camera.id, vendor: camera.vendor } : undefined;
    barriers.set(lane.id, createBarrier(lane.barrier, log, { buses, heartbeatOpen }));
  }

  const users = new Users(db);
  const views = new PassageViews(db);
  const handlers = createHandlers({ db, users, lanes: null, views, media, demo: false,
    version: 'test', enterpriseCode: site.enterprise.code });
  const dispatcher = new Dispatcher(handlers, log, () => false);
  const guard = {
    user: { id: 1, username: 'guard-li', displayName: '李师傅', role: 'guard' as const },
    token: null, remote: '127.0.0.1',
  };

  // The guard's Lanes page, subscribed through the dispatcher like any transport.
  const captured: CapturedEvent[] = [];
  for (const event of ['passage.created', 'barrier.changed'] as const) {
    const sub = dispatcher.subscribe(guard, event, (e, payload) =>
      captured.push({ event: e, payload }));
    if (!sub.ok) throw new Error(`guard could not subscribe to ${event}`);
  }

  const registry = new VehicleRegistry(db);
  for (const v of DEMO_VEHICLES) registry.add(v, { report: false });

  const events = new LaneEvents(dispatcher, views, () => world.outboxWakes++);
  const lanes = new LaneService({ db, site, rules: new RuleBook(site.rulesFile), media,
    barriers, events, enqueueOutbox, log });
  const world: LaneWorld = {
    dir, dbFile, db, media, board, site, lanes, heartbeatOpens, views, registry, dispatcher,
    events: captured,
    outboxWakes: 0, closeLast: [],
    camera: (id) => site.cameras.find((c) => c.id === id)!,
    close: async () => {
      heartbeatOpens.close();
      for (const b of barriers.values()) await b.close();
      await board.close();
      for (const close of world.closeLast) close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return world;
}

/** A plate read as an adapter hands it over; the photos are the demo camera's real JPEGs. */
/** The LPR listener a site runs, on a free port: reads to the lanes, heartbeats to the opens. */
export function startLaneListener(world: LaneWorld): Promise<LprListener> {
  return startLprListener({
    host: '127.0.0.1', port: 0, cameras: world.site.cameras, log: silentLogger(),
    onRead: (read, camera) => world.lanes.handleRead(read, camera),
    takeHeartbeatOpen: (camera) => world.heartbeatOpens.take(camera.id),
  });
}

export function plateRead(over: Partial<PlateRead> & Pick<PlateRead, 'plate'>): PlateRead {
  return {
    cameraId: 'cam-1', vendor: 'hikvision', plateColor: 'yellow', rawPlateColor: 'yellow',
    confidence: 96, direction: 'in', capturedAt: MORNING, vendorEventId: null,
    isOfflineReplay: false, deviceSerial: DEMO_CAMERA_1_MAC,
    images: [
      { kind: 'scene', mime: 'image/jpeg', bytes: SCENE_JPEG },
      { kind: 'plate', mime: 'image/jpeg', bytes: PLATE_JPEG },
    ],
    ...over,
  };
}

/**
 * A real JPEG made unique: a comment segment (COM, FF FE) right after the start-of-image
 * marker, as cameras write their own metadata. Decoders skip it; its SHA-256 is new.
 */
export function stampedJpeg(jpeg: Buffer, note: string): Buffer {
  const text = Buffer.from(note, 'utf8');
  const segment = Buffer.alloc(4);
  segment.writeUInt16BE(0xfffe, 0);
  segment.writeUInt16BE(text.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), segment, text, jpeg.subarray(2)]);
}

/**
 * Counts, at the moment the relay board receives each frame, what the ledger file holds as
 * committed. The board records a frame (frames.push) synchronously as its bytes arrive, before
 * it answers; the count runs on a second connection, which cannot see an open transaction.
 */
export function countCommittedAtEachFrame(
  world: LaneWorld, plate: string,
): Array<Record<string, number>> {
  const witness = openSqlite(world.dbFile);
  witness.pragma('query_only = ON');
  world.closeLast.push(() => witness.close());
  const count = witness.prepare(`SELECT
    (SELECT count(*) FROM passages WHERE plate = ?) AS passages,
    (SELECT count(*) FROM passage_photos) AS photos,
    (SELECT count(*) FROM outbox WHERE kind = 'passage') AS outbox,
    (SELECT count(*) FROM audit WHERE action = 'passage.recorded') AS audit,
    (SELECT count(*) FROM barrier_events) AS barrier`);

  const counts: Array<Record<string, number>> = [];
  const record = world.board.frames.push.bind(world.board.frames);
  world.board.frames.push = (...frames) => {
    counts.push(count.get(plate) as Record<string, number>);
    return record(...frames);
  };
  return counts;
}

export const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function rowsOf<T = any>(db: Db, sql: string, ...args: unknown[]): T[] {
  return db.prepare(sql).all(...args) as T[];
}

export function passagesOf(db: Db, plate: string): any[] {
  return rowsOf(db, 'SELECT * FROM passages WHERE plate = ? ORDER BY seq', plate);
}

export function barrierEventsOf(db: Db, passageId: string | null): any[] {
  return passageId === null
    ? rowsOf(db, 'SELECT * FROM barrier_events WHERE passage_id IS NULL ORDER BY id')
    : rowsOf(db, 'SELECT * FROM barrier_events WHERE passage_id = ? ORDER BY id', passageId);
}
