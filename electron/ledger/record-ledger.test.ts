import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/database.ts';
import { MediaStore } from '../media/store.ts';
import { listOutbox } from '../sync/outbox.ts';
import { checkCanonical } from '../sync/messages/kinds.ts';
import { machineryFields, vehicleFields } from '../api/contract.ts';
import { openRegistries, type Registries } from './record-specs.ts';
import { uploadDocument } from './documents.ts';

const T0 = Date.UTC(2026, 10, 2, 2, 0, 0);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5]);
const TRUCK = {
  plate: '豫a·12345', plateColor: 'yellow', vin: 'lfv2a21k3d4012345', engineNo: 'wp10 8842',
  registrationDate: '2019-05-20', emissionStage: '5', stageEvidenceKind: 'ENV_LIST', fuel: 'B',
  vehicleType: 'H11', useCharacter: 'F', brandModel: '解放 CA4250', fleet: '郑州顺达物流',
  owner: '郑州顺达物流有限公司',
};
const officer = { username: 'li', now: T0 };

let dir: string;
let db: Db;
let ledgers: Registries;
let media: MediaStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-ledger-'));
  db = openDatabase(join(dir, 'gatehouse.db'));
  media = new MediaStore(join(dir, 'media'));
  ledgers = openRegistries(db);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

async function withList() {
  const up = await uploadDocument(db, media, JPEG, 'image/jpeg', 'li', T0);
  if (!up.ok) throw new Error(up.message);
  return vehicleFields.parse({ ...TRUCK, documents: [{ kind: 'env-list', sha256: up.sha256 }] });
}

describe('registering a transport vehicle', () => {
  it('stores the normalised record with its photo and queues its M3 message', async () => {
    const saved = ledgers.vehicles.create(await withList(), officer);

    expect(saved.issues).toEqual([]);
    expect(saved.record).toMatchObject({ plate: '豫A12345', vin: 'LFV2A21K3D4012345',
      engineNo: 'WP108842', version: 1, updatedBy: 'li', plateKind: 'ordinary',
      stageLowerBound: '5', documents: [{ kind: 'env-list', mime: 'image/jpeg', bytes: 9 }] });
    const [row] = listOutbox(db);
    expect(row).toMatchObject({ kind: 'vehicle', subjectId: 'transport:豫A12345:yellow',
      orderKey: 'plate:豫A12345:yellow' });
    expect(row!.payload).toMatchObject({ brandModel: '解放 CA4250', useCharacter: 'F',
      documents: [{ kind: 'env-list' }] });
    expect(checkCanonical('vehicle', row!.payload)).toMatchObject({ ok: true });
  });

  it('writes nothing, not even an outbox row, when the VIN check digit is wrong', () => {
    const bad = vehicleFields.parse({ ...TRUCK, vin: 'LFV2A21K7D4012345' });
    const saved = ledgers.vehicles.create(bad, officer);

    expect(saved.record).toBeNull();
    expect(saved.issues.map((i) => i.zh))
      .toContain('车辆识别代号第9位校验位应为3，实为7');
    expect(db.prepare('SELECT COUNT(*) AS n FROM vehicles').get()).toEqual({ n: 0 });
    expect(listOutbox(db)).toEqual([]);
  });

  it('refuses the same plate and colour twice, and a photo never uploaded', () => {
    ledgers.vehicles.create(vehicleFields.parse(TRUCK), officer);
    const again = ledgers.vehicles.create(vehicleFields.parse({ ...TRUCK,
      documents: [{ kind: 'env-list', sha256: 'b'.repeat(64) }] }), officer);

    expect(again.record).toBeNull();
    expect(again.issues.filter((i) => i.severity === 'error').map((i) => i.code))
      .toEqual(['documents.unknown', 'duplicate.registry']);
  });
});

describe('changing a vehicle', () => {
  it('writes the next version, keeps the old one and reports the change', async () => {
    const first = ledgers.vehicles.create(await withList(), officer).record!;
    const changed = ledgers.vehicles.update(first.id as number, 1,
      vehicleFields.parse({ ...TRUCK, fleet: '洛阳宏运', documents: [] }),
      { username: 'zhao', now: T0 + 60_000 });

    expect(changed).toMatchObject({ record: { fleet: '洛阳宏运', version: 2, documents: [],
      updatedBy: 'zhao' } });
    expect(ledgers.vehicles.history(first.id as number)).toMatchObject([
      { version: 1, by: 'li', fields: { fleet: '郑州顺达物流' } }]);
    expect(listOutbox(db).map((r) => (r.payload as { fleet: string }).fleet))
      .toEqual(['郑州顺达物流', '洛阳宏运']);
  });

  it('refuses a save made from a version someone else has replaced', () => {
    const first = ledgers.vehicles.create(vehicleFields.parse(TRUCK), officer).record!;
    const fields = vehicleFields.parse({ ...TRUCK, owner: '王五' });
    ledgers.vehicles.update(first.id as number, 1, fields, officer);

    expect(ledgers.vehicles.update(first.id as number, 1, fields, officer))
      .toEqual({ conflict: 2 });
  });

  it('never changes the identity: the plate is another vehicle', () => {
    const first = ledgers.vehicles.create(vehicleFields.parse(TRUCK), officer).record!;
    const moved = ledgers.vehicles.update(first.id as number, 1,
      vehicleFields.parse({ ...TRUCK, plate: '豫A54321' }), officer);

    expect(moved).toMatchObject({ record: null });
    expect((moved as { issues: object[] }).issues).toContainEqual(expect.objectContaining(
      { field: 'plate', code: 'identity.changed', severity: 'error' }));
  });
});

describe('listing the registry', () => {
  it('filters by stage, fuel, missing documents and search, sorted and paged', async () => {
    ledgers.vehicles.create(await withList(), officer);
    ledgers.vehicles.create(vehicleFields.parse({ ...TRUCK, plate: '豫A22222',
      emissionStage: '6', obdOnline: true, registrationDate: '2022-01-05' }), officer);
    ledgers.vehicles.create(vehicleFields.parse({ ...TRUCK, plate: '豫AD1234', plateColor: 'green',
      fuel: 'C', emissionStage: 'D', vehicleType: 'H31', fleet: '电车队' }), officer);
    const page = (f: object) => ledgers.vehicles.list({ limit: 50, offset: 0, sort: 'plate',
      dir: 'asc', ...f });

    expect(page({}).rows.map((r) => r.plate)).toEqual(['豫A12345', '豫A22222', '豫AD1234']);
    expect(page({ stages: ['5', '6'] }).total).toBe(2);
    expect(page({ fuels: ['C'] }).rows.map((r) => r.plate)).toEqual(['豫AD1234']);
    expect(page({ missingDocuments: true }).rows.map((r) => r.plate))
      .toEqual(['豫A22222', '豫AD1234']);
    expect(page({ search: '电车' }).rows.map((r) => r.plate)).toEqual(['豫AD1234']);
    expect(page({ limit: 1, offset: 1 })).toMatchObject({ total: 3,
      rows: [{ plate: '豫A22222' }] });
  });
});

describe('machinery', () => {
  it('registers a stage-X loader and queues its M4 message with the new fields', () => {
    const saved = ledgers.machinery.create(machineryFields.parse({
      envRegistrationCode: 'ha-41 0001', productionDate: '2012-04-01', emissionStage: 'X',
      machineCode: 'lg956-001', machineType: '装载机', fuel: 'B', powerKw: 162,
      engineModel: 'WD10G220', engineMaker: '潍柴', stageEvidenceKind: 'ENV_LIST' }), officer);

    expect(saved.record).toMatchObject({ envRegistrationCode: 'HA-410001', emissionStage: 'X' });
    const [row] = listOutbox(db);
    expect(row).toMatchObject({ kind: 'machinery', subjectId: 'HA-410001',
      payload: { engineModel: 'WD10G220', engineMaker: '潍柴', powerKw: 162 } });
    expect(checkCanonical('machinery', row!.payload)).toMatchObject({ ok: true });
  });
});
