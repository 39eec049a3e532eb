// Retention and storage on a SQLite file and real footage files, with a fake clock and a fake
// disk: its free space is its capacity minus the files really on it, so deleting a file frees
// room exactly as it would on a gate PC's data disk.
import {
  existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recentAudit } from '../../electron/db/audit.ts';
import { openDatabase, type Db } from '../../electron/db/database.ts';
import { LogRing, createRootLogger, type Logger } from '../../electron/log/logger.ts';
import { gapsInRange } from '../../electron/recording/gaps.ts';
import { insertSegment, segmentsForPassage } from '../../electron/recording/segments.ts';
import type { FreeSpaceSource } from '../../electron/storage/free-space.ts';
import { PURGE_FLOOR_MS } from '../../electron/storage/purge.ts';
import { StorageMonitor } from '../../electron/storage/monitor.ts';
import { getRetention, setRetention } from '../../electron/storage/retention.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 1, 4, 0, 0);
const MB = 1_000_000;

let dir: string;
let root: string;
let db: Db;
let ring: LogRing;
let log: Logger;
let capacity: number;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-retention-'));
  root = join(dir, 'disk1');
  mkdirSync(join(root, 'recordings', 'cam-east'), { recursive: true });
  db = openDatabase(join(dir, 'gatehouse.db'));
  ring = new LogRing();
  log = createRootLogger({ ring });
  capacity = 1_000 * MB;
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const fakeDisk: FreeSpaceSource = async (path) => ({
  freeBytes: capacity - bytesUnder(path),
  totalBytes: capacity,
  device: 'disk1',
});

function bytesUnder(path: string): number {
  let sum = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const full = join(path, entry.name);
    sum += entry.isDirectory() ? bytesUnder(full) : statSync(full).size;
  }
  return sum;
}

/** A footage file of `mb` megabytes covering [startAt, startAt + minutes); sparse, so a test
 * "fills" a disk without writing gigabytes. */
function footage(startAt: number, minutes: number, mb: number): string {
  const path = join(root, 'recordings', 'cam-east', `cam-east-${startAt}.mp4`);
  writeFileSync(path, '');
  truncateSync(path, mb * MB);
  insertSegment(db, { cameraId: 'cam-east', path, startAt, endAt: startAt + minutes * 60_000,
    bytes: mb * MB, codec: 'h264', width: 1920, height: 1080 }, 'east', root);
  return path;
}

function passageAt(id: string, capturedAt: number): void {
  db.prepare(
    `INSERT INTO passages (id, lane_id, gate_id, camera_id, direction, plate, plate_color,
       read_plate_color, recognition_mode, decision, reason_code, reason_zh, reason_en,
       rule_version, control_state, captured_at, created_at, prev_hash, hash)
     VALUES (?, 'east-in', 'east', 'lpr-east', 'in', '冀A12345', 'yellow', 'yellow', 'auto',
       'allow', 'ok', '放行', 'allowed', 'r1', 'normal', ?, ?, '', ?)`,
  ).run(id, capturedAt, capturedAt, `hash-${id}`);
}

function monitor(now = NOW, margin = 100 * MB): StorageMonitor {
  return new StorageMonitor({ db, roots: [root], cameraIds: ['cam-east'], freeSpace: fakeDisk,
    log, now: () => now, safetyMarginBytes: margin, headroomBytes: 0 });
}

describe('footage retention', () => {
  it('keeps footage 12 months and deletes what is older, passage and all', async () => {
    passageAt('p-old', NOW - 400 * DAY + 60_000);
    const old = footage(NOW - 400 * DAY, 10, 5);
    const eleven = footage(NOW - 335 * DAY, 10, 5);
    const yesterday = footage(NOW - DAY, 10, 5);
    expect(segmentsForPassage(db, 'p-old')).toHaveLength(1);

    const report = await monitor().check();

    expect(report.expired).toEqual({ segments: 1, bytes: 5 * MB, linked: 1 });
    expect([old, eleven, yesterday].map((p) => existsSync(p))).toEqual([false, true, true]);
    expect(segmentsForPassage(db, 'p-old')).toEqual([]);
    expect(db.prepare("SELECT count(*) AS n FROM passages WHERE id = 'p-old'").get())
      .toEqual({ n: 1 });
    // Expiry is the rule working, not lost evidence: no gap row.
    expect(gapsInRange(db, { from: 0, to: NOW })).toEqual([]);
  });

  it('goes below the legal 12 months only with an audited override', async () => {
    const refused = setRetention(db, { months: 6, actor: 'installer1' }, NOW);
    expect(refused).toMatchObject({ ok: false, code: 'invalid_input' });
    expect(getRetention(db)).toEqual({ months: 12, override: null });

    const allowed = setRetention(db, { months: 6, actor: 'installer1',
      overrideReason: '生态环境局书面同意 2026-11' }, NOW);
    expect(allowed).toEqual({ ok: true, value: { months: 6, override: {
      reason: '生态环境局书面同意 2026-11', actor: 'installer1', at: NOW } } });
    expect(recentAudit(db, 'recording.retention.override', 5)).toMatchObject([{
      actor: 'installer1', subject: 'recording',
      detail: { fromMonths: 12, toMonths: 6, reason: '生态环境局书面同意 2026-11' },
    }]);

    const seven = footage(NOW - 213 * DAY, 10, 5);
    const five = footage(NOW - 152 * DAY, 10, 5);
    await monitor().check();
    expect([seven, five].map((p) => existsSync(p))).toEqual([false, true]);

    expect(setRetention(db, { months: 24, actor: 'manager1' }, NOW + 1))
      .toEqual({ ok: true, value: { months: 24, override: null } });
  });
});

describe('the storage forecast', () => {
  it('raises a loud alarm when the disk cannot hold 12 months at the measured rate', async () => {
    // Two hours of footage at 900 MB/hour: 12 months need ~7.9 TB.
    for (let k = 0; k < 12; k++) footage(NOW - 3 * 3_600_000 + k * 600_000, 10, 150);
    capacity = 4_000 * MB;

    const report = await monitor().check();

    expect(report.forecast.cameras).toEqual([{ cameraId: 'cam-east', mbPerHour: 900,
      measured: true, neededBytes: Math.round(900 * MB * 365.25 * 24) }]);
    expect(report.forecast.fits).toBe(false);
    expect(report.forecast.availableBytes).toBe(4_000 * MB - 100 * MB);
    expect(report.forecast.daysThatFit).toBe(Math.floor(3_900 / (900 * 24)));
    expect(report.alarms).toEqual(['retention-does-not-fit']);
    expect(ring.recent(50).map((l) => l.msg))
      .toContain('STORAGE: the disks cannot hold the retention; add a disk or a storage root');
  });

  it('is quiet when the disk holds the retention', async () => {
    for (let k = 0; k < 12; k++) footage(NOW - 3 * 3_600_000 + k * 600_000, 10, 1);
    capacity = 200_000 * MB;

    const report = await monitor().check();
    expect(report.forecast.fits).toBe(true);
    expect(report.alarms).toEqual([]);
  });
});

describe('the emergency purge', () => {
  it('deletes the oldest footage no passage points at first, and never the last hour', async () => {
    const linkedOldest = footage(NOW - 10 * DAY, 10, 100);
    passageAt('p-truck', NOW - 10 * DAY + 120_000);
    db.prepare(`INSERT INTO passage_segments (passage_id, segment_id)
      SELECT 'p-truck', id FROM segments WHERE path = ?`).run(linkedOldest);
    const unlinkedOld = footage(NOW - 9 * DAY, 10, 100);
    const unlinkedNewer = footage(NOW - 8 * DAY, 10, 100);
    const unlinkedRecent = footage(NOW - 2 * DAY, 10, 100);
    const lastHour = footage(NOW - PURGE_FLOOR_MS / 2, 10, 100);
    // 500 MB on a 580 MB disk: 80 MB free, the margin is 100 MB → free 20 MB more.
    capacity = 580 * MB;

    const first = await monitor().check();
    expect(first.lastPurge?.result).toEqual({ segments: 1, bytes: 100 * MB, linked: 0 });
    expect(existsSync(unlinkedOld)).toBe(false);
    expect([linkedOldest, unlinkedNewer, unlinkedRecent, lastHour].every(existsSync)).toBe(true);

    // Another program fills the disk: 400 MB of footage on 280 MB left for it, 220 MB must go.
    capacity = 280 * MB;
    const second = await monitor().check();
    expect(second.lastPurge?.result).toEqual({ segments: 3, bytes: 300 * MB, linked: 1 });
    expect([unlinkedNewer, unlinkedRecent, linkedOldest].some(existsSync)).toBe(false);
    expect(existsSync(lastHour)).toBe(true);
    expect(second.roots[0]).toMatchObject({ freeBytes: 180 * MB, belowMargin: false });

    // Each span deleted early is a 'purged' gap, so the timeline shows it as lost.
    const gaps = gapsInRange(db, { cameraId: 'cam-east', from: 0, to: NOW });
    expect(gaps.map((g) => [g.cause, g.fromAt, g.toAt])).toEqual([
      ['purged', NOW - 10 * DAY, NOW - 10 * DAY + 600_000],
      ['purged', NOW - 9 * DAY, NOW - 9 * DAY + 600_000],
      ['purged', NOW - 8 * DAY, NOW - 8 * DAY + 600_000],
      ['purged', NOW - 2 * DAY, NOW - 2 * DAY + 600_000],
    ]);
    expect(ring.recent(50).map((l) => l.msg)).toContain('STORAGE: emergency purge done');
  });
});

describe('a storage root that cannot be read', () => {
  it('is reported loudly and left out, and the check goes on', async () => {
    const missing = join(dir, 'disk2-not-mounted');
    const storage = new StorageMonitor({ db, roots: [root, missing], cameraIds: ['cam-east'],
      freeSpace: async (path) => {
        if (path === missing) throw new Error(`ENOENT: no such file or directory, ${path}`);
        return fakeDisk(path);
      },
      log, now: () => NOW, safetyMarginBytes: 100 * MB });

    const report = await storage.check();
    expect(report.roots.map((r) => r.path)).toEqual([root]);
    expect(ring.recent(50).map((l) => l.msg)).toContain('STORAGE: root unreadable');
  });
});

describe('a root filling up while another disk has room', () => {
  it('has its cameras moved to the disk with the most room, never to the same disk', async () => {
    const [second, third, sameDisk] = ['disk2', 'disk3', 'disk1-other'].map((d) => {
      mkdirSync(join(dir, d), { recursive: true });
      return join(dir, d);
    });
    // disk1 holds 950 MB of the last hour's footage: the purge may not touch it.
    footage(NOW - 30 * 60_000, 10, 950);
    const free: Record<string, { freeBytes: number; device: string }> = {
      [second!]: { freeBytes: 500 * MB, device: 'disk2' },
      [third!]: { freeBytes: 800 * MB, device: 'disk3' },
      [sameDisk!]: { freeBytes: 50 * MB, device: 'disk1' },
    };
    const moves: Array<[string, string[]]> = [];
    const storage = new StorageMonitor({ db, roots: [root, second!, third!, sameDisk!],
      cameraIds: ['cam-east'], log, now: () => NOW, safetyMarginBytes: 100 * MB,
      freeSpace: async (path) => (free[path]
        ? { ...free[path]!, totalBytes: 1_000 * MB } : fakeDisk(path)),
      onRootLow: async (low, roomy) => {
        moves.push([low, [...roomy]]);
      } });

    const report = await storage.check();

    expect(report.roots.filter((r) => r.belowMargin).map((r) => r.path)).toEqual([root,
      sameDisk]);
    expect(moves).toEqual([[root, [third, second]], [sameDisk, [third, second]]]);
  });

  it('keeps its cameras where they are when no other disk has room', async () => {
    footage(NOW - 30 * 60_000, 10, 950);
    const moves: string[] = [];
    const storage = new StorageMonitor({ db, roots: [root], cameraIds: ['cam-east'], log,
      now: () => NOW, safetyMarginBytes: 100 * MB, freeSpace: fakeDisk,
      onRootLow: async (low) => {
        moves.push(low);
      } });

    expect((await storage.check()).alarms).toContain('below-safety-margin');
    expect(moves).toEqual([]);
  });
});
