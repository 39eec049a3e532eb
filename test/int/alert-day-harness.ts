// The lane on real parts with the site's conditions wired in, on a fixed clock: a SQLite file,
// the Henan rule set, lane 1 behind a Modbus TCP relay board simulator, lane 2 a Vzenith camera
// that opens on our reply, the alerts and the cap, and the API dispatcher with one account per
// role. What a guard's subscription hears is captured in order.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../electron/db/database.ts';
import { Users } from '../../electron/auth/users.ts';
import { Dispatcher, type Caller } from '../../electron/api/dispatcher.ts';
import { createHandlers, type HandlerContext } from '../../electron/api/handlers.ts';
import type { CallInput, CallName, EventName, Role } from '../../electron/api/contract.ts';
import type { SiteConfig } from '../../electron/config/site.ts';
import { demoFleet, demoSite, DEMO_VEHICLES } from '../../electron/config/demo-site.ts';
import { resourcePath } from '../../electron/config/paths.ts';
import { createBarrier, type BarrierDriver } from '../../electron/devices/barrier/barrier.ts';
import { ModbusBuses } from '../../electron/devices/barrier/modbus-buses.ts';
import { LaneEvents } from '../../electron/lanes/lane-events.ts';
import { LaneService } from '../../electron/lanes/lane-service.ts';
import { PassageViews } from '../../electron/ledger/passage-views.ts';
import { VehicleRegistry } from '../../electron/ledger/vehicles.ts';
import { silentLogger } from '../../electron/log/logger.ts';
import { MediaStore } from '../../electron/media/store.ts';
import { RuleBook } from '../../electron/rules/rule-table.ts';
import { startModbusBoard, type ModbusBoard } from '../../electron/sim/modbus-board.ts';
import { enqueueOutbox } from '../../electron/sync/outbox.ts';
import { SiteConditions } from '../../electron/alerts/site-conditions.ts';
import {
  capShareFromRules, complianceLimitsFromRules,
} from '../../electron/alerts/rule-conditions.ts';
import {
  PULSE_MS, RELAY_COIL, RELAY_SLAVE, plateRead, type CapturedEvent,
} from './lane-harness.ts';

/** One account per role; the password is the user name with `-password`. */
export const ACCOUNTS: Record<Role, string> = {
  guard: 'guard-li', officer: 'officer-chen', manager: 'manager-zhao', installer: 'installer-wu',
};
export const passwordOf = (username: string) => `${username}-password`;

export interface AlertDayWorld {
  db: Db;
  site: SiteConfig;
  board: ModbusBoard;
  lanes: LaneService;
  views: PassageViews;
  conditions: SiteConditions;
  dispatcher: Dispatcher;
  /** What the guard's subscription heard, in order. */
  events: CapturedEvent[];
  /** The site's clock (alerts, the cap); reads carry their own capture time. */
  clock: { now: number };
  as(role: Role): Caller;
  call<N extends CallName>(role: Role, name: N, input: CallInput<N>): Promise<any>;
  /** A China-VI fleet truck `n` pushed by lane 1's (`cam-1`) or lane 2's camera at `at`. */
  truck(n: number, at: number, camera?: 'cam-1' | 'cam-2'): Promise<{ passageId: string }>;
  close(): Promise<void>;
}

export async function startAlertDayWorld(startAt: number): Promise<AlertDayWorld> {
  const log = silentLogger();
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-alert-day-'));
  const db = openDatabase(join(dir, 'gatehouse.db'));
  const media = new MediaStore(join(dir, 'media'));
  const board = await startModbusBoard({ tcpPort: 0, host: '127.0.0.1', slave: RELAY_SLAVE, log });
  const clock = { now: startAt };

  const site = demoSite({
    lprPort: 0, apiPort: 0, platformUrl: 'http://127.0.0.1:9/', platformSecret: 'x'.repeat(32),
    rulesFile: resourcePath('rules', 'henan-bulk-transport.json'),
    lane1Barrier: { kind: 'modbus-tcp', host: '127.0.0.1', port: board.port!, slave: RELAY_SLAVE,
      coil: RELAY_COIL, pulseMs: PULSE_MS, timeoutMs: 300 },
  });
  const rules = new RuleBook(site.rulesFile);
  const level = site.enterprise.performanceLevel;
  const conditions = new SiteConditions({ db, log, performanceLevel: level,
    capShare: capShareFromRules(rules, level),
    complianceLimits: complianceLimitsFromRules(rules, () => clock.now),
    now: () => clock.now });

  const registry = new VehicleRegistry(db);
  for (const v of [...DEMO_VEHICLES, ...demoFleet(100)]) registry.add(v);
  const users = new Users(db);
  for (const [role, username] of Object.entries(ACCOUNTS) as Array<[Role, string]>) {
    await users.create({ username, displayName: username, role, password: passwordOf(username) });
  }

  const views = new PassageViews(db);
  const ctx: HandlerContext = { db, users, lanes: null, views, media, demo: false,
    version: 'test', conditions };
  const dispatcher = new Dispatcher(createHandlers(ctx), log, () => false);
  ctx.emit = (event, payload) => dispatcher.emit(event, payload);
  conditions.alerts.onChange((view) => dispatcher.emit('control.changed', view));

  const buses = new ModbusBuses();
  const barriers = new Map<string, BarrierDriver>();
  for (const lane of site.lanes) barriers.set(lane.id, createBarrier(lane.barrier, log, { buses }));
  const events = new LaneEvents(dispatcher, views, () => undefined);
  const lanes = new LaneService({ db, site, rules, media, barriers, events, enqueueOutbox, log,
    conditions });
  ctx.lanes = lanes;

  const as = (role: Role): Caller => ({ user: userOf(db, ACCOUNTS[role]), token: null,
    remote: '127.0.0.1' });
  const captured: CapturedEvent[] = [];
  const heard: EventName[] = ['passage.created', 'passage.overridden', 'barrier.changed',
    'control.changed'];
  for (const event of heard) {
    const sub = dispatcher.subscribe(as('guard'), event, (e, payload) =>
      captured.push({ event: e, payload }));
    if (!sub.ok) throw new Error(`the guard could not subscribe to ${event}`);
  }

  return {
    db, site, board, lanes, views, conditions, dispatcher, events: captured, clock, as,
    call: async (role, name, input) => dispatcher.call(as(role), name, input),
    truck: async (n, at, camera = 'cam-1') => {
      const plate = `豫B${String(n).padStart(5, '0')}`;
      const verdict = await lanes.handleRead(
        plateRead({ plate, capturedAt: at, cameraId: camera,
          vendor: camera === 'cam-1' ? 'hikvision' : 'vzenith' }),
        site.cameras.find((c) => c.id === camera)!);
      return { passageId: verdict.passageId! };
    },
    close: async () => {
      for (const b of barriers.values()) await b.close();
      await board.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function userOf(db: Db, username: string) {
  return db.prepare('SELECT id, username, display_name AS displayName, role FROM users ' +
    'WHERE username = ?').get(username) as Caller['user'];
}
