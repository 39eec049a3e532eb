import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/database.ts';
import { insertPassage, type NewPassage } from './passages.ts';
import { Visits } from './visits.ts';
import { tonnageByDay } from './cargo-tonnage.ts';
import { drawSample } from './sample.ts';
import { openRegistries } from './record-specs.ts';
import { enqueueOutbox, listOutbox } from '../sync/outbox.ts';
import { formatPassedAt, passageOrderKey } from '../sync/passage-message.ts';

const T0 = Date.UTC(2026, 10, 2, 1, 0, 0);
const MIN = 60_000;
const officer = (now: number) => ({ username: 'li', now });
const ENT = 'E410100000001';

let dir: string;
let db: Db;
let visits: Visits;
let n = 0;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-visits-'));
  db = openDatabase(join(dir, 'gatehouse.db'));
  visits = new Visits(db);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function pass(direction: 'in' | 'out', plate: string, at: number,
  decision: NewPassage['decision'] = 'allow'): string {
  const id = `p${++n}`;
  db.transaction(() => insertPassage(db, {
    id, laneId: direction === 'in' ? 'L1' : 'L2', gateId: 'G1', cameraId: 'C1', direction,
    plate, plateColor: 'yellow', readPlateColor: 'yellow', colorMismatch: false,
    recognitionMode: 'auto', confidence: 98, vendorEventId: null, offlineReplay: false,
    vehicleId: null, emissionStage: '5', fuel: 'B', decision, reasonCode: 'ok', reasonZh: '放行',
    reasonEn: 'allowed', ruleVersion: 'r1', controlState: 'none', capturedAt: at, createdAt: at,
    testPush: false,
  }, [{ kind: 'scene', sha256: 'c'.repeat(64), mime: 'image/jpeg', bytes: 10 }]))();
  return id;
}

const all = () => visits.list({ state: 'any', limit: 50, offset: 0, sort: 'enteredAt',
  dir: 'asc' });

describe('pairing passages into visits', () => {
  it('pairs an entry with the next exit of the same plate', () => {
    const a = pass('in', '豫A12345', T0);
    pass('in', '豫B77777', T0 + MIN);
    const aOut = pass('out', '豫A12345', T0 + 40 * MIN);

    expect(all().rows).toMatchObject([
      { id: a, entryPassageId: a, exitPassageId: aOut, enteredAt: T0, exitedAt: T0 + 40 * MIN },
      { plate: '豫B77777', exitPassageId: null },
    ]);
    expect(visits.list({ state: 'open', limit: 50, offset: 0, sort: 'enteredAt', dir: 'asc' })
      .rows.map((v) => v.plate)).toEqual(['豫B77777']);
  });

  it('keeps a denied entry out of the visits, and an exit without entry on its own', () => {
    pass('in', '豫A12345', T0, 'deny');
    const out = pass('out', '豫C55555', T0 + MIN);

    expect(all().rows).toMatchObject([{ id: out, entryPassageId: null, exitPassageId: out }]);
  });

  it('pairs incrementally: passages written after a read are paired by the next one', () => {
    const a = pass('in', '豫A12345', T0);
    expect(all().total).toBe(1);

    pass('out', '豫A12345', T0 + MIN);
    expect(all().rows).toMatchObject([{ id: a, exitedAt: T0 + MIN }]);
  });
});

/** The passage's outbox row, as the lane writes it; returns its message id. */
function queuePassage(id: string, at: number): string {
  return enqueueOutbox(db, { kind: 'passage', subjectId: id,
    orderKey: passageOrderKey('豫A12345', 'yellow'),
    payload: { passageId: id, direction: 2, passedAt: formatPassedAt(at) }, now: at });
}

describe('cargo on a visit', () => {
  it('is recorded once, then corrected by rows that point at what they correct', () => {
    const a = pass('in', '豫A12345', T0);
    pass('out', '豫A12345', T0 + 30 * MIN);

    const first = visits.setCargo(a, '水泥熟料', 31.26, '', officer(T0 + 31 * MIN), ENT);
    expect(first).toMatchObject({ ok: true, cargo: { cargoName: '水泥熟料', tonnage: 31.3,
      corrects: null } });
    const refused = visits.setCargo(a, '水泥熟料', 32, '', officer(T0 + 40 * MIN), ENT);
    expect(refused).toMatchObject({ ok: false, code: 'invalid_input' });

    const fixed = visits.setCargo(a, '水泥熟料', 32.5, '过磅单复核',
      officer(T0 + 50 * MIN), ENT);
    expect(fixed).toMatchObject({ ok: true, visit: { cargo: { tonnage: 32.5 } } });
    const history = visits.get(a)!.cargoHistory;
    expect(history.map((c) => [c.tonnage, c.corrects])).toEqual([[31.3, null],
      [32.5, history[0]!.id]]);
    expect(visits.get(a)!.photos).toEqual([
      { direction: 'in', kind: 'scene', sha256: 'c'.repeat(64), mime: 'image/jpeg' },
      { direction: 'out', kind: 'scene', sha256: 'c'.repeat(64), mime: 'image/jpeg' },
    ]);
  });

  it('queues each entry as a correction of the exit passage, behind it in the plate\'s queue',
    () => {
      const a = pass('in', '豫A12345', T0);
      const exit = pass('out', '豫A12345', T0 + 30 * MIN);
      const exitMessageId = queuePassage(exit, T0 + 30 * MIN);

      visits.setCargo(a, '水泥熟料', 31.26, '', officer(T0 + 31 * MIN), ENT);
      visits.setCargo(a, '水泥熟料', 32.5, '过磅单复核', officer(T0 + 50 * MIN), ENT);

      const rows = listOutbox(db).filter((r) => r.orderKey === 'plate:豫A12345:yellow');
      expect(rows.map((r) => [r.kind, r.subjectId])).toEqual([['passage', exit],
        ['passageCorrection', exit], ['passageCorrection', exit]]);
      const [first, second] = rows.slice(1).map((r) => r.payload);
      expect(first).toMatchObject({ passageId: exit, passageMessageId: exitMessageId,
        enterpriseCode: ENT, plate: '豫A12345', plateColor: 'yellow',
        changes: { cargo: { name: '水泥熟料', quantity: 31.3, unit: 't' } },
        previous: { cargo: null }, reason: '', correctedBy: 'li', correctedAt: T0 + 31 * MIN });
      expect(second).toMatchObject({ changes: { cargo: { quantity: 32.5 } },
        previous: { cargo: { name: '水泥熟料', quantity: 31.3, unit: 't' } },
        reason: '过磅单复核', correctedAt: T0 + 50 * MIN });
      expect(rows[1]!.orderAt).toBeGreaterThan(rows[0]!.orderAt);
    });

  it('records nothing and queues nothing for a visit that does not exist', () => {
    expect(visits.setCargo('nope', '熟料', 30, '', officer(T0), ENT))
      .toMatchObject({ ok: false, code: 'not_found' });
    expect(listOutbox(db)).toEqual([]);
  });

  it('lists closed visits still missing their cargo', () => {
    const a = pass('in', '豫A12345', T0);
    pass('out', '豫A12345', T0 + MIN);
    const b = pass('in', '豫B77777', T0 + 2 * MIN);
    pass('out', '豫B77777', T0 + 3 * MIN);
    visits.setCargo(a, '石灰石', 30, '', officer(T0 + 5 * MIN), ENT);

    const missing = visits.list({ state: 'any', cargoMissing: true, limit: 50, offset: 0,
      sort: 'enteredAt', dir: 'asc' });
    expect(missing.rows.map((v) => v.id)).toEqual([b]);
  });
});

describe('tonnes per day for the alert report', () => {
  it('sums the cargo in force by the Beijing day of entry; days without cargo are absent', () => {
    const a = pass('in', '豫A12345', T0);
    pass('out', '豫A12345', T0 + MIN);
    const b = pass('in', '豫B77777', T0 + 2 * MIN);
    pass('out', '豫B77777', T0 + 3 * MIN);
    visits.setCargo(a, '熟料', 30, '', officer(T0 + 5 * MIN), ENT);
    visits.setCargo(a, '熟料', 31.5, '磅单', officer(T0 + 6 * MIN), ENT);
    visits.setCargo(b, '石灰石', 28.2, '', officer(T0 + 7 * MIN), ENT);

    // T0 is 09:00 in Beijing on 2026-11-02, whose day starts at 16:00 UTC the day before.
    const day = Date.UTC(2026, 10, 1, 16);
    expect([...tonnageByDay(db, day - 86_400_000, day + 2 * 86_400_000)])
      .toEqual([[day, 59.7]]);
  });
});

describe('an inspection sample of visits', () => {
  it('shows both passages\' photos, the cargo and the chain hashes', () => {
    const a = pass('in', '豫A12345', T0);
    pass('out', '豫A12345', T0 + MIN);
    visits.setCargo(a, '熟料', 30, '', officer(T0 + 2 * MIN), ENT);

    const [row] = drawSample(db, openRegistries(db), 'visits', 5);
    const value = (key: string) => row!.fields.find((f) => f.key === key)!.value;
    expect(row!.passagePhotos.map((p) => p.direction)).toEqual(['in', 'out']);
    expect([value('enteredAt'), value('cargoName'), value('tonnage')])
      .toEqual(['20261102 090000', '熟料', '30']);
    expect(value('entryHash')).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.stageCheck).toEqual({ recorded: '5', evidenceKind: null, lowerBound: null,
      consistent: true });
  });
});
