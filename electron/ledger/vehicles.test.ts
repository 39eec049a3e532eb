import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/database.ts';
import { vehicleMessageSchema } from '../sync/messages/vehicle.ts';
import { listOutbox } from '../sync/outbox.ts';
import { VehicleRegistry, type NewVehicle } from './vehicles.ts';

const T0 = Date.UTC(2025, 0, 15, 2, 0, 0);

const TRUCK: NewVehicle = {
  plate: '豫A12345', plateColor: 'yellow', vehicleType: 'H11', fuel: 'B', emissionStage: '5',
  stageEvidence: 'ENV_LIST', vin: 'LZZ1CLVB9JA000001', registrationDate: '2018-03-12',
  fleet: '郑州顺达物流',
};

let db: Db;
let registry: VehicleRegistry;
beforeEach(() => {
  db = openDatabase(':memory:');
  registry = new VehicleRegistry(db);
});
afterEach(() => {
  db.close();
});

describe('registering a vehicle', () => {
  it('queues its M3 message under the plate\'s key, in the same transaction', () => {
    expect(registry.add(TRUCK, { now: T0 })).toBe(true);

    const [row] = listOutbox(db);
    expect(row).toMatchObject({ kind: 'vehicle', subjectId: 'transport:豫A12345:yellow',
      orderKey: 'plate:豫A12345:yellow', state: 'pending', createdAt: T0 });
    expect(vehicleMessageSchema.parse(row!.payload)).toMatchObject({
      vehicleKey: 'transport:豫A12345:yellow', plate: '豫A12345', plateColor: 'yellow',
      emissionStage: '5', vin: 'LZZ1CLVB9JA000001', fleet: '郑州顺达物流', changedAt: T0,
    });
  });

  it('writes neither the vehicle nor its message when the outbox refuses the row', () => {
    db.exec(`CREATE TRIGGER outbox_refuses BEFORE INSERT ON outbox
             BEGIN SELECT RAISE(ABORT, 'disk full'); END`);

    expect(() => registry.add(TRUCK, { now: T0 })).toThrow('disk full');

    expect(registry.match('豫A12345', 'yellow')).toEqual({ kind: 'none' });
  });

  it('reports nothing for a plate registered already, nor for a fixture', () => {
    registry.add(TRUCK, { now: T0 });
    expect(registry.add(TRUCK, { now: T0 + 1 })).toBe(false);
    registry.add({ ...TRUCK, plate: '豫A54321' }, { now: T0, report: false });

    expect(listOutbox(db)).toHaveLength(1);
  });
});

describe('changing a registered vehicle', () => {
  it('queues the whole registration as it now stands, after the first message', () => {
    registry.add(TRUCK, { now: T0 });

    const changed = registry.update('豫A12345', 'yellow',
      { emissionStage: '6', obdOnline: true, fleet: undefined }, { now: T0 + 60_000 });

    expect(changed).toBe(true);
    const rows = listOutbox(db);
    expect(rows.map((r) => r.kind)).toEqual(['vehicle', 'vehicle']);
    expect(rows[1]!.payload).toMatchObject({ emissionStage: '6', obdOnline: true,
      fleet: '郑州顺达物流', changedAt: T0 + 60_000 });
    expect(registry.match('豫A12345', 'yellow')).toMatchObject({ kind: 'exact',
      vehicle: { emissionStage: '6', obdOnline: true } });
  });

  it('changes nothing and reports nothing for an unknown identity', () => {
    expect(registry.update('豫A99999', 'yellow', { fuel: 'C' }, { now: T0 })).toBe(false);
    expect(listOutbox(db)).toEqual([]);
  });
});

describe('the registry status of a vehicle (M3)', () => {
  it('reaches the platform when an officer blacklists it, with lanes, validity and reason', () => {
    registry.add(TRUCK, { now: T0 });
    registry.update('豫A12345', 'yellow', { blacklisted: true, blacklistReason: '多次超载',
      validFrom: '2025-01-01', validTo: '2025-12-31', authorisedLanes: 'lane-1, lane-2' },
    { now: T0 + 60_000 });

    const [registered, changed] = listOutbox(db).map((r) => vehicleMessageSchema.parse(r.payload));
    expect(registered).toMatchObject({ blacklisted: false, blacklistReason: null,
      validFrom: null, validTo: null, authorisedChannels: [], auditStatus: 'pending' });
    expect(changed).toMatchObject({ blacklisted: true, blacklistReason: '多次超载',
      validFrom: '2025-01-01', validTo: '2025-12-31', authorisedChannels: ['lane-1', 'lane-2'],
      auditStatus: 'pending', changedAt: T0 + 60_000 });
    expect(registry.match('豫A12345', 'yellow')).toMatchObject({ kind: 'exact', vehicle: {
      blacklisted: true, blacklistReason: '多次超载',
      authorisedLanes: ['lane-1', 'lane-2'] } });
  });
});
