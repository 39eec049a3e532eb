// The officer keeps a truck's registry status (M3, migration 10) in the ledger: the lanes it may
// use, its validity, the blacklist and its reason, the platform's audit. Each mistake that would
// turn trucks away at the gate, or let a barred one in, is refused at its field with the words
// the officer reads; a good status is stored, shown back, filtered by and sent in M3.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/database.ts';
import { listOutbox } from '../sync/outbox.ts';
import { checkCanonical } from '../sync/messages/kinds.ts';
import { vehicleFields } from '../api/contract.ts';
import { openRegistries, type Registries } from './record-specs.ts';
import { VehicleRegistry } from './vehicles.ts';

const T0 = Date.UTC(2026, 10, 2, 2, 0, 0);
const TRUCK = {
  plate: '豫A12345', plateColor: 'yellow', vin: 'LFV2A21K3D4012345', engineNo: 'WP108842',
  registrationDate: '2019-05-20', emissionStage: '5', stageEvidenceKind: 'ENV_LIST', fuel: 'B',
  vehicleType: 'H11', useCharacter: 'F', brandModel: '解放 CA4250', fleet: '郑州顺达物流',
  owner: '郑州顺达物流有限公司',
};
const SITE = { lanes: [
  { id: 'lane-1', name: '1号入口车道', nameEn: 'Entry lane 1' },
  { id: 'lane-2', name: '2号入口车道', nameEn: 'Entry lane 2' },
] };
const officer = { username: 'li', now: T0 };

let dir: string;
let db: Db;
let ledgers: Registries;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-registry-status-'));
  db = openDatabase(join(dir, 'gatehouse.db'));
  ledgers = openRegistries(db, () => SITE);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const errorsOf = (status: object) => ledgers.vehicles
  .validate(vehicleFields.parse({ ...TRUCK, ...status }), T0)
  .filter((i) => i.severity === 'error');

describe('a truck\'s registry status, refused where it is wrong', () => {
  it('refuses a validity that ends before it begins, at "valid to", in both languages', () => {
    expect(errorsOf({ validFrom: '2026-12-01', validTo: '2026-11-30' })).toEqual([{
      field: 'validTo', code: 'validity.reversed', severity: 'error',
      zh: '备案有效期止（2026-11-30）早于有效期起（2026-12-01）',
      en: 'the registration is valid to 2026-11-30, before it is valid from 2026-12-01',
    }]);
  });

  it('accepts a one-day validity and one that lies in the future', () => {
    expect(errorsOf({ validFrom: '2027-03-01', validTo: '2027-03-01' })).toEqual([]);
  });

  it('refuses a validity day the calendar does not have', () => {
    expect(errorsOf({ validTo: '2027-02-30' })).toEqual([expect.objectContaining({
      field: 'validTo', code: 'date.invalid',
      zh: '备案有效期止不是有效日期：2027-02-30' })]);
  });

  it('refuses a blacklist without a reason, at the reason', () => {
    expect(errorsOf({ blacklisted: true, blacklistReason: '   ' })).toEqual([{
      field: 'blacklistReason', code: 'blacklist.reason-required', severity: 'error',
      zh: '列入黑名单须写明原因（门岗放行时会看到）',
      en: 'a blacklisted vehicle needs a reason (the guard is shown it at the lane)',
    }]);
  });

  it('refuses lanes the site does not have, naming them', () => {
    expect(errorsOf({ authorisedLanes: ['lane-1', 'lane-9', 'west'] })).toEqual([{
      field: 'authorisedLanes', code: 'lanes.unknown', severity: 'error',
      zh: '授权通道不在本厂车道中：lane-9, west',
      en: 'authorised lanes not among the site\'s lanes: lane-9, west',
    }]);
  });

  it('refuses every lane while no site is configured', () => {
    const bare = openRegistries(db);
    const issues = bare.vehicles.validate(vehicleFields.parse({ ...TRUCK,
      authorisedLanes: ['lane-1'] }), T0);
    expect(issues.map((i) => i.code)).toContain('lanes.unknown');
  });

  it('saves nothing when refused', () => {
    const saved = ledgers.vehicles.create(vehicleFields.parse({ ...TRUCK, blacklisted: true }),
      officer);
    expect(saved.record).toBeNull();
    expect(db.prepare('SELECT COUNT(*) AS n FROM vehicles').get()).toEqual({ n: 0 });
    expect(listOutbox(db)).toEqual([]);
  });
});

describe('a truck\'s registry status, kept', () => {
  it('is stored, shown back, read by the lane and sent in its M3 message', () => {
    const saved = ledgers.vehicles.create(vehicleFields.parse({ ...TRUCK,
      authorisedLanes: ['lane-2'], validFrom: '2026-01-01', validTo: '2026-12-31',
      blacklisted: true, blacklistReason: '超载两次', auditStatus: 'approved' }), officer);

    expect(saved.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(saved.record).toMatchObject({ authorisedLanes: ['lane-2'], validFrom: '2026-01-01',
      validTo: '2026-12-31', blacklisted: true, blacklistReason: '超载两次',
      auditStatus: 'approved' });
    const match = new VehicleRegistry(db).match('豫A12345', 'yellow');
    expect(match.kind === 'exact' && match.vehicle).toMatchObject({ blacklisted: true,
      blacklistReason: '超载两次', authorisedLanes: ['lane-2'], validTo: '2026-12-31' });
    const [row] = listOutbox(db);
    expect(row!.payload).toMatchObject({ blacklisted: true, blacklistReason: '超载两次',
      authorisedChannels: ['lane-2'], auditStatus: 'approved' });
    expect(checkCanonical('vehicle', row!.payload)).toMatchObject({ ok: true });
  });

  it('starts unbarred and unaudited when the form says nothing of it', () => {
    const saved = ledgers.vehicles.create(vehicleFields.parse(TRUCK), officer);
    expect(saved.record).toMatchObject({ authorisedLanes: [], validFrom: null, validTo: null,
      blacklisted: false, blacklistReason: '', auditStatus: 'pending' });
  });

  it('is what the list narrows to: the blacklisted, or the expired', () => {
    const keep = (plate: string, status: object) => ledgers.vehicles.create(
      vehicleFields.parse({ ...TRUCK, plate, ...status }), officer);
    keep('豫A10001', { blacklisted: true, blacklistReason: '冒用号牌' });
    keep('豫A10002', { validTo: '2020-06-30' });
    keep('豫A10003', { validTo: '2099-06-30' });
    const plates = (status: 'blacklisted' | 'expired') => ledgers.vehicles
      .list({ status, limit: 50, offset: 0, sort: 'plate', dir: 'asc' }).rows.map((r) => r.plate);

    expect(plates('blacklisted')).toEqual(['豫A10001']);
    expect(plates('expired')).toEqual(['豫A10002']);
  });
});
