// Canonical messages M1–M8 built from what the gate really keeps: the site configuration and
// rows of a migrated SQLite ledger. Each must pass its own schema, in our codes.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/database.ts';
import { DEMO_VEHICLES, demoSite } from '../../config/demo-site.ts';
import { VehicleRegistry } from '../../ledger/vehicles.ts';
import { insertPassage, type NewPassage } from '../../ledger/passages.ts';
import { Inventory } from '../../inventory/inventory.ts';
import { createRootLogger } from '../../log/logger.ts';
import { mapControlMeasure } from '../downlink-measures.ts';
import { enqueueOutbox, markAcked } from '../outbox.ts';
import { alertMessageOf, platformAlertOf } from './alert.ts';
import { buildEnterpriseMessage } from './enterprise.ts';
import { buildFuelLogMessage, type FuelLog } from './fuel-log.ts';
import { buildGateMessages } from './gate.ts';
import { heartbeatSource } from './heartbeat-source.ts';
import { checkCanonical, subjectOf } from './kinds.ts';
import {
  inPlantVehicleRows, machineryRows, transportVehicleRows,
} from './ledger-rows.ts';
import { buildMachineryMessage } from './machinery.ts';
import { buildPassageMessageFromLedger } from './passage.ts';
import { buildInPlantVehicleMessage, buildTransportVehicleMessage } from './vehicle.ts';

const T0 = Date.UTC(2025, 0, 15, 2, 0, 0);
const SITE = demoSite({
  lprPort: 0, apiPort: 0, lane1Barrier: { kind: 'camera-reply' },
  platformUrl: 'http://127.0.0.1:9', platformSecret: 'a-demo-secret-of-16+', rulesFile: 'x.json',
});

/** The same site with camera 1 recording the gate (it has ONVIF settings). */
const RECORDING_SITE = demoSite({
  lprPort: 0, apiPort: 0, lane1Barrier: { kind: 'camera-reply' },
  platformUrl: 'http://127.0.0.1:9', platformSecret: 'a-demo-secret-of-16+', rulesFile: 'x.json',
  onvif: { url: 'http://127.0.0.1:8899/onvif/device_service', username: 'admin',
    password: 'demo' },
});

let dir: string;
let db: Db;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-messages-'));
  db = openDatabase(join(dir, 'gatehouse.db'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function expectValid(kind: string, message: unknown): void {
  const check = checkCanonical(kind, message);
  expect(check, JSON.stringify(check)).toMatchObject({ ok: true });
}

const PASSAGE: NewPassage = {
  id: 'p-0001', laneId: 'lane-1', gateId: 'gate-1', cameraId: 'cam-1', direction: 'in',
  plate: '豫A12345', plateColor: 'yellow', readPlateColor: 'yellow', colorMismatch: false,
  recognitionMode: 'auto', confidence: 97, vendorEventId: 'ev-1', offlineReplay: true,
  vehicleId: null, emissionStage: '5', fuel: 'B', decision: 'allow', reasonCode: 'STAGE_V_OR_VI',
  reasonZh: '国五及以上', reasonEn: 'China V or better', ruleVersion: 'r1',
  controlState: 'orange', capturedAt: T0, createdAt: T0 + 40, testPush: false,
};

describe('canonical messages built from the ledger', () => {
  it('M1 and M2 from the site configuration: the enterprise, one gate with its two lanes', () => {
    const enterprise = buildEnterpriseMessage(SITE, T0);
    const gates = buildGateMessages(SITE, T0);

    expectValid('enterprise', enterprise);
    expect(enterprise).toMatchObject({ enterpriseCode: 'DEMO410100001', regionCode: '410100',
      performanceLevel: 'B', address: '河南省郑州市中原区示范路1号',
      longitude: 113.6254, latitude: 34.7466,
      contact: { name: '王环保（演示）', phone: '0371-0000-0000' } });
    expect(gates).toHaveLength(1);
    expectValid('gate', gates[0]);
    expect(gates[0]!.channels.map((c) => [c.channelId, c.direction, c.cameraIds]))
      .toEqual([['lane-1', 'in', ['cam-1']], ['lane-2', 'in', ['cam-2']]]);
    expect(gates[0]!.channels.map((c) => c.nvrChannel)).toEqual([null, null]);
  });

  it('M2 names the camera that records each lane, its overview camera first', () => {
    const site = structuredClone(RECORDING_SITE);
    site.cameras.push({ id: 'cam-3', name: '2号车道全景', vendor: 'hikvision',
      address: '127.0.0.1', record: true });
    site.lanes[1]!.overviewCameraId = 'cam-3';

    const [gate] = buildGateMessages(site, T0);

    expectValid('gate', gate);
    expect(gate!.channels.map((c) => [c.channelId, c.cameraIds, c.nvrChannel])).toEqual([
      ['lane-1', ['cam-1'], 'cam-1'], ['lane-2', ['cam-2', 'cam-3'], 'cam-3']]);
  });

  it('M1 carries the environmental contact, which a log line about it never shows', () => {
    const logFile = join(dir, 'gatehouse.log');
    const log = createRootLogger({ file: logFile });
    const enterprise = buildEnterpriseMessage(SITE, T0);

    log.info({ message: enterprise }, 'enterprise message built');

    expect(enterprise.contact).toEqual({ name: '王环保（演示）', phone: '0371-0000-0000' });
    const line = readFileSync(logFile, 'utf8');
    expect(line).toContain('DEMO410100001');
    expect(line).toContain('"contact":"***"');
    expect(line).not.toContain('0371-0000-0000');
    expect(line).not.toContain('王环保');
  });

  it('M3 from registry rows: a China-V diesel truck and an electric one, and in-plant ones',
    () => {
      const registry = new VehicleRegistry(db);
      for (const v of DEMO_VEHICLES) {
        registry.add({ ...v, owner: '张三', obdOnline: true }, { now: T0, report: false });
      }
      new Inventory(db).addInPlantVehicle({ registrationCode: '厂内01', vehicleType: 'H11',
        fuel: 'B', emissionStage: '5', stageEvidence: 'ENV_LIST' }, T0);

      const transport = transportVehicleRows(db).map(buildTransportVehicleMessage);
      const inPlant = inPlantVehicleRows(db).map(buildInPlantVehicleMessage);

      for (const m of [...transport, ...inPlant]) expectValid('vehicle', m);
      expect(transport[0]).toMatchObject({ vehicleKey: 'transport:豫A12345:yellow',
        plateColor: 'yellow', fuel: 'B', emissionStage: '5', vin: 'LZZ1CLVB9JA000001',
        registrationDate: '2018-03-12', obdOnline: true, owner: '张三', changedAt: T0 });
      expect(transport[2]).toMatchObject({ plateColor: 'yellowGreen', emissionStage: 'D' });
      expect(inPlant[0]).toMatchObject({ vehicleKey: 'inPlant:厂内01', category: 'inPlant',
        plate: '厂内01', plateColor: 'unknown' });
      expect(subjectOf('vehicle', transport[0]!)).toBe('transport:豫A12345:yellow');
    });

  it('M4 from machinery rows, a loader without an emission stage included', () => {
    const inventory = new Inventory(db);
    inventory.addMachinery({ envRegistrationCode: '豫A-L0001', machineType: 'loader',
      fuel: 'B', emissionStage: '3', stageEvidence: 'ENV_LIST', powerKw: 162,
      productionDate: '2015-06-01', machineCode: 'PIN-0001' }, T0);
    inventory.addMachinery({ envRegistrationCode: '豫A-L0002', machineType: 'forklift',
      fuel: 'B', emissionStage: 'X', stageEvidence: 'MANUAL' }, T0);

    const machines = machineryRows(db).map(buildMachineryMessage);

    for (const m of machines) expectValid('machinery', m);
    expect(machines.map((m) => [m.envRegistrationCode, m.emissionStage, m.powerKw]))
      .toEqual([['豫A-L0001', '3', 162], ['豫A-L0002', 'X', null]]);
  });

  it('M5 from a stored passage, the same message the lane wrote, back-filled if replayed',
    () => {
      const photo = { kind: 'plate', sha256: 'ab'.repeat(32), mime: 'image/jpeg', bytes: 9 };
      insertPassage(db, PASSAGE, [photo]);

      const message = buildPassageMessageFromLedger(db, SITE, 'p-0001');

      expectValid('passage', message);
      expect(message).toMatchObject({ passageId: 'p-0001', enterpriseCode: 'DEMO410100001',
        direction: 1, passedAt: '2025-01-15 10:00:00', plateColor: 'yellow', fuel: 'B',
        backfill: true, photos: [photo.sha256], recognitionMode: 'auto',
        category: 'transport', reasonText: '国五及以上', fleet: null, cargo: null,
        videoRef: null });
      expect(buildPassageMessageFromLedger(db, SITE, 'p-none')).toBeNull();
    });

  it('M5 of a registered truck, corrected by the guard, names its fleet and the gate\'s clip',
    () => {
      const registry = new VehicleRegistry(db);
      registry.add(DEMO_VEHICLES[0]!, { now: T0, report: false });
      const vehicle = registry.match('豫A12345', 'yellow');
      if (vehicle.kind === 'none') throw new Error('the demo truck was not registered');
      insertPassage(db, { ...PASSAGE, id: 'p-0002', vehicleId: vehicle.vehicle.id,
        recognitionMode: 'manual-corrected' }, []);

      const message = buildPassageMessageFromLedger(db, RECORDING_SITE, 'p-0002');

      expectValid('passage', message);
      expect(message).toMatchObject({ recognitionMode: 'manual-corrected',
        fleet: '郑州顺达物流', cargo: null,
        videoRef: { cameraId: 'cam-1', from: '2025-01-15 09:59:50', to: '2025-01-15 10:00:20' } });
    });

  it('M6 is the downlink\'s alert in our codes, both ways', () => {
    const mapped = mapControlMeasure({ id: 7, startTime: '2025-01-16 00:00:00',
      endTime: '2025-01-18 00:00:00', warningLevel: '橙色', respondLevel: 'II级',
      controlMeasures: '国四及以下禁止通行' }, 'DEMO410100001');
    if (!mapped.ok) throw new Error(mapped.reason);

    const message = alertMessageOf(mapped.alert);

    expectValid('alert', message);
    expect(message).toMatchObject({ platformId: '7', level: 'orange', response: 'II' });
    expect(platformAlertOf({ ...message, measureCode: 'M-1' })).toEqual(mapped.alert);
    expect(checkCanonical('alert', { ...message, endsAt: message.startsAt }).ok).toBe(false);
  });

  it('M7 from the running site: devices, disk, the last acknowledgement, what is pending',
    async () => {
      const id = enqueueOutbox(db, { kind: 'passage', subjectId: 'p', orderKey: 'k',
        payload: {}, now: T0 });
      markAcked(db, 1, T0 + 500);
      enqueueOutbox(db, { kind: 'passage', subjectId: 'q', orderKey: 'k', payload: {}, now: T0 });
      const source = heartbeatSource({ db, site: SITE, softwareVersion: '0.1.0', dataDir: dir,
        barriers: () => [{ id: 'lane-1', barrierState: 'error', barrierError: 'no answer' }],
        lastPushAt: new Map([['cam-1', T0 - 60_000]]), recorders: () => new Map(),
        now: () => T0 });

      const beat = await source();

      expect(id).toBeTruthy();
      expectValid('heartbeat', beat);
      expect(beat).toMatchObject({ systemId: 'demo-enterprise', sentAt: T0,
        lastUploadAt: T0 + 500, pending: 1 });
      expect(beat.disk!.totalBytes).toBeGreaterThan(0);
      expect(beat.devices).toEqual([
        { deviceId: 'cam-1', kind: 'camera', online: true, detail: null },
        { deviceId: 'cam-2', kind: 'camera', online: null, detail: null },
        { deviceId: 'lane-1', kind: 'barrier', online: false, detail: 'no answer' },
      ]);
    });

  it('M8 from a fuel-log record (no table yet), and its schema catches a bad quantity', () => {
    const log: FuelLog = { id: 'f-1', subjectKind: 'machinery', subjectCode: '豫A-L0001',
      filledAt: T0, kind: 'urea', quantity: 20, unit: 'L', supplier: '中石化', grade: null,
      receiptPhoto: null, operator: 'officer' };

    const message = buildFuelLogMessage(log, 'DEMO410100001');

    expectValid('fuelLog', message);
    expect(subjectOf('fuelLog', message)).toBe('f-1');
    expect(checkCanonical('fuelLog', { ...message, quantity: 0 })).toEqual({ ok: false,
      reason: 'invalid fuelLog: quantity: Too small: expected number to be >0' });
  });
});
