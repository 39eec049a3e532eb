import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/database.ts';
import type { RecordedSegment } from './recorder.ts';
import { countSegments, insertSegment, segmentsForPassage } from './segments.ts';

const T = Date.UTC(2026, 0, 15, 2, 0, 0); // 10:00 in Shanghai

let dir: string;
let db: Db;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-segments-'));
  db = openDatabase(join(dir, 'gatehouse.db'));
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function insertPassage(id: string, gateId: string, capturedAt: number): void {
  db.prepare(
    `INSERT INTO passages (id, lane_id, gate_id, camera_id, direction, plate, plate_color,
       read_plate_color, recognition_mode, decision, reason_code, reason_zh, reason_en,
       rule_version, control_state, captured_at, created_at, prev_hash, hash)
     VALUES (?, ?, ?, 'lpr-1', 'in', '冀A12345', 'yellow', 'yellow', 'auto', 'allow', 'ok',
       '放行', 'allowed', 'r1', 'normal', ?, ?, '', ?)`,
  ).run(id, `${gateId}-in`, gateId, capturedAt, capturedAt, `hash-${id}`);
}

function segment(cameraId: string, startAt: number, seconds: number): RecordedSegment {
  return {
    cameraId,
    path: join(dir, 'rec', cameraId, `${cameraId}-${startAt}.mp4`),
    startAt,
    endAt: startAt + seconds * 1000,
    bytes: 2_100_000,
    codec: 'h264',
    width: 1280,
    height: 720,
  };
}

describe('the segment index', () => {
  it('links a truck passing the east gate to the east camera segment covering that moment', () => {
    insertPassage('p-during', 'east', T + 4_000);
    insertPassage('p-before', 'east', T - 1);
    insertPassage('p-after', 'east', T + 10_001);
    insertPassage('p-west', 'west', T + 4_000);

    const id = insertSegment(db, segment('cam-east', T, 10), 'east');

    expect(segmentsForPassage(db, 'p-during')).toEqual([
      {
        id,
        cameraId: 'cam-east',
        path: join(dir, 'rec', 'cam-east', `cam-east-${T}.mp4`),
        startAt: T,
        endAt: T + 10_000,
        bytes: 2_100_000,
        codec: 'h264',
        width: 1280,
        height: 720,
        createdAt: expect.any(Number),
      },
    ]);
    expect(segmentsForPassage(db, 'p-before')).toEqual([]);
    expect(segmentsForPassage(db, 'p-after')).toEqual([]);
    expect(segmentsForPassage(db, 'p-west')).toEqual([]);
  });

  it('links a passage on a boundary to both segments, and to every camera of the gate', () => {
    insertPassage('p-edge', 'east', T + 10_000);

    const first = insertSegment(db, segment('cam-east', T, 10), 'east');
    const second = insertSegment(db, segment('cam-east', T + 10_000, 10), 'east');
    const overview = insertSegment(db, segment('cam-yard', T + 5_000, 10), 'east');

    const linked = segmentsForPassage(db, 'p-edge').map((s) => s.id);
    expect(linked).toEqual([first, overview, second]);
    expect(countSegments(db)).toBe(3);
  });

  it('indexes a file once: a second row for the same path is refused', () => {
    insertPassage('p-1', 'east', T + 1_000);
    insertSegment(db, segment('cam-east', T, 10), 'east');

    const samePath = { ...segment('cam-east', T, 10), endAt: T + 20_000 };
    expect(() => insertSegment(db, samePath, 'east')).toThrow(/UNIQUE/);

    expect(countSegments(db)).toBe(1);
    expect(segmentsForPassage(db, 'p-1')).toHaveLength(1);
  });

  it('leaves no segment row behind when linking its passages fails', () => {
    insertPassage('p-1', 'east', T + 1_000);
    db.exec('DROP TABLE passage_segments');

    expect(() => insertSegment(db, segment('cam-east', T, 10), 'east')).toThrow(/passage_segments/);

    expect(countSegments(db)).toBe(0);
  });

  it('counts nothing in a new database', () => {
    expect(countSegments(db)).toBe(0);
  });
});
