// The ledger calls through the real HTTP transport against a real SQLite file and media root:
// an officer registers a truck with its environmental list photo, changes it, exports the
// ledger; a guard may record cargo but not register vehicles; the passages export verifies.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { openDatabase, type Db } from '../../electron/db/database.ts';
import { Users } from '../../electron/auth/users.ts';
import { Dispatcher } from '../../electron/api/dispatcher.ts';
import { createHandlers } from '../../electron/api/handlers.ts';
import { startApiServer, type ApiServer } from '../../electron/api/server.ts';
import { PassageViews } from '../../electron/ledger/passage-views.ts';
import { MediaStore } from '../../electron/media/store.ts';
import { silentLogger } from '../../electron/log/logger.ts';
import { insertPassage } from '../../electron/ledger/passages.ts';
import { carrierSheet } from '../../electron/sim/carrier-sheet.ts';
import { ApiClient } from '../support/api.ts';

let dir: string;
let db: Db;
let server: ApiServer;
let officer: ApiClient;
let guard: ApiClient;
const events: Array<{ event: string; payload: unknown }> = [];
// A real (tiny) JPEG: SOI, APP0 JFIF header, EOI.
const JPEG = Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex');
const TRUCK = { plate: '豫A12345', plateColor: 'yellow', vin: 'LFV2A21K3D4012345',
  engineNo: 'WP108842', registrationDate: '2019-05-20', emissionStage: '5',
  stageEvidenceKind: 'ENV_LIST', fuel: 'B', vehicleType: 'H11', useCharacter: 'F',
  brandModel: '解放 CA4250', fleet: '郑州顺达物流',
  owner: '郑州顺达物流有限公司' } as const;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-ledger-api-'));
  db = openDatabase(join(dir, 'gatehouse.db'));
  const users = new Users(db);
  const ctx = { db, users, lanes: null, views: new PassageViews(db),
    media: new MediaStore(join(dir, 'media')), demo: false, version: 'test',
    enterpriseCode: '4101000001' };
  const dispatcher = new Dispatcher(createHandlers(ctx), silentLogger(), () => false);
  Object.assign(ctx, { emit: (event: string, payload: unknown) => events.push({ event,
    payload }) });
  server = await startApiServer({ host: '127.0.0.1', port: 0, dispatcher, uiDir: null,
    log: silentLogger(), health: () => ({}), setupRequired: () => false,
    callerFor: (token, remote) => ({ user: token ? users.userForToken(token) : null, token,
      remote }) });

  await users.create({ username: 'li', displayName: '李工', role: 'officer',
    password: 'officer-password' });
  await users.create({ username: 'zhang', displayName: '张师傅', role: 'guard',
    password: 'guard-password' });
  officer = await new ApiClient(server.url).login('li', 'officer-password');
  guard = await new ApiClient(server.url).login('zhang', 'guard-password');
});

afterAll(async () => {
  await server.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the vehicle ledger over the API', () => {
  it('registers a truck with its list photo, serves the photo, and versions a change',
    async () => {
      const photo = await officer.value('ledger.photos.upload', { mime: 'image/jpeg',
        base64: JPEG.toString('base64') });
      const created = await officer.value('ledger.vehicles.create', { ...TRUCK,
        documents: [{ kind: 'env-list', sha256: photo.sha256 }] });
      expect(created.issues).toEqual([]);
      expect(created.record).toMatchObject({ plate: '豫A12345', version: 1,
        documents: [{ kind: 'env-list', sha256: photo.sha256, bytes: JPEG.length }] });
      expect(await officer.value('media.photo', { sha256: photo.sha256 }))
        .toEqual({ mime: 'image/jpeg', base64: JPEG.toString('base64') });
      expect(events).toContainEqual({ event: 'ledger.changed',
        payload: { ledger: 'vehicles', id: String(created.record!.id) } });

      const id = created.record!.id;
      const changed = await officer.value('ledger.vehicles.update', { id, version: 1,
        fields: { ...TRUCK, fleet: '洛阳宏运' } });
      expect(changed.record).toMatchObject({ version: 2, fleet: '洛阳宏运', documents: [] });
      const stale = await officer.call('ledger.vehicles.update', { id, version: 1,
        fields: TRUCK });
      expect(stale).toEqual({ ok: false, error: { code: 'conflict',
        message: 'saved by someone else meanwhile: version 2' } });
      const got = await officer.value('ledger.vehicles.get', { id });
      expect(got.history.map((h) => [h.version, h.fields.fleet]))
        .toEqual([[1, '郑州顺达物流']]);
    });

  it('answers a form check with the Chinese message and saves nothing', async () => {
    const issues = await officer.value('ledger.vehicles.validate', { ...TRUCK,
      plate: '豫A99999', fuel: 'C' });
    expect(issues).toContainEqual(expect.objectContaining({ field: 'emissionStage',
      severity: 'error', zh: '纯电动车辆的排放阶段应为D，实为国五' }));
  });

  it('refuses a text file sent as a photo', async () => {
    const r = await officer.call('ledger.photos.upload', { mime: 'image/jpeg',
      base64: Buffer.from('not a photo at all').toString('base64') });
    expect(r).toEqual({ ok: false, error: { code: 'invalid_input',
      message: 'the bytes are not a image/jpeg image' } });
  });

  it('lets the guard read visits and record cargo, but not register vehicles', async () => {
    const r = await guard.call('ledger.vehicles.create', TRUCK);
    expect(r).toEqual({ ok: false, error: { code: 'forbidden',
      message: 'guard may not call ledger.vehicles.create' } });

    for (const [i, direction] of (['in', 'out'] as const).entries()) {
      db.transaction(() => insertPassage(db, { id: `pv${i}`, laneId: 'L1', gateId: 'G1',
        cameraId: 'C1', direction, plate: '豫A12345', plateColor: 'yellow',
        readPlateColor: 'yellow', colorMismatch: false, recognitionMode: 'auto', confidence: 96,
        vendorEventId: null, offlineReplay: false, vehicleId: 1, emissionStage: '5', fuel: 'B',
        decision: 'allow', reasonCode: 'ok', reasonZh: '放行', reasonEn: 'allowed',
        ruleVersion: 'r1', controlState: 'none', capturedAt: Date.UTC(2026, 10, 2) + i * 6e5,
        createdAt: Date.UTC(2026, 10, 2) + i * 6e5, testPush: false }, []))();
    }
    const visits = await guard.value('ledger.visits.list', {});
    expect(visits.rows).toMatchObject([{ id: 'pv0', exitPassageId: 'pv1', fleet: '洛阳宏运' }]);
    const cargo = await guard.value('ledger.visits.setCargo', { visitId: 'pv0',
      cargoName: '水泥熟料', tonnage: 32.4 });
    expect(cargo.visit.cargo).toMatchObject({ cargoName: '水泥熟料', tonnage: 32.4,
      enteredBy: 'zhang' });
  });
});

describe('exports and the chain', () => {
  it('exports the vehicle ledger as xlsx that reads back in the regulation\'s order',
    async () => {
      const file = await officer.value('ledger.export', { format: 'xlsx',
        query: { ledger: 'vehicles', filter: { stages: ['5'] } }, jobId: 'job-1' });
      expect(file).toMatchObject({ rows: 1, jobId: 'job-1',
        mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
      expect(file.fileName).toMatch(/^进出厂运输车辆台账-\d{8}-\d{6}\.xlsx$/);

      const book = new ExcelJS.Workbook();
      await book.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
      const values = book.worksheets[0]!.getRow(2).values as unknown[];
      expect(values.slice(1, 10)).toEqual(['豫A12345', '黄色', '20190520',
        'LFV2A21K3D4012345', 'WP108842', '5', '否', '否', '洛阳宏运']);
      expect(events).toContainEqual({ event: 'ledger.progress', payload: { jobId: 'job-1',
        job: 'export', ledger: 'vehicles', done: 1, total: 1 } });
    });

  it('verifies a passages export against the database', async () => {
    const file = await officer.value('ledger.export', { format: 'csv',
      query: { ledger: 'passages' } });
    expect(await officer.value('ledger.chain.verify', { base64: file.base64 }))
      .toEqual({ ok: true, rows: 2, firstBad: null, matchesDatabase: true });
    expect(await officer.value('ledger.chain.verify', {}))
      .toEqual({ ok: true, rows: 2, firstBad: null, matchesDatabase: null });
  });

  it('draws an inspection sample with every field and the stage check', async () => {
    const sample = await officer.value('ledger.sample', { ledger: 'vehicles', count: 5 });
    expect(sample.rows).toHaveLength(1);
    expect(sample.rows[0]).toMatchObject({ title: '豫A12345', stageCheck: { recorded: '5',
      evidenceKind: 'ENV_LIST', lowerBound: '5', consistent: true } });
    expect(sample.rows[0]!.fields.find((f) => f.key === 'licence')).toMatchObject({
      zh: '行驶证', value: '否' });
  });
});

describe('importing a sheet over the API', () => {
  it('previews with progress, imports on confirm, and hands out the empty template',
    async () => {
      const sheet = await carrierSheet(300, 20_000);
      const preview = await officer.value('ledger.import.preview', { ledger: 'vehicles',
        fileName: '顺达车辆.xlsx', base64: sheet.toString('base64'), jobId: 'imp-1' });
      expect(preview).toMatchObject({ total: 300, valid: 300, errors: [] });
      expect(preview.rows).toHaveLength(200);
      expect(events).toContainEqual({ event: 'ledger.progress', payload: { jobId: 'imp-1',
        job: 'import-preview', ledger: 'vehicles', done: 300, total: 300 } });

      const done = await officer.value('ledger.import.confirm', { previewId: preview.previewId });
      expect(done).toMatchObject({ imported: 300, skipped: 0, duplicates: 0 });
      const list = await officer.value('ledger.vehicles.list', { search: '豫A20', limit: 1 });
      expect(list.total).toBe(300);
      expect(await officer.call('ledger.import.confirm', { previewId: preview.previewId }))
        .toMatchObject({ ok: false, error: { code: 'not_found' } });

      const template = await officer.value('ledger.import.template', { ledger: 'machinery' });
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(Buffer.from(template.base64, 'base64') as unknown as ArrayBuffer);
      expect((book.worksheets[0]!.getRow(1).values as unknown[]).slice(1, 4))
        .toEqual(['登记编码', '生产日期', '排放阶段']);
    });

  it('answers a file that is no sheet with a clear error', async () => {
    const r = await officer.call('ledger.import.preview', { ledger: 'vehicles',
      fileName: 'x.xlsx', base64: Buffer.from('PK\x03\x04 broken zip').toString('base64') });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
