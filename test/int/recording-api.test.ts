// The recording and storage calls through the dispatcher, as every transport reaches them: who
// may read gaps and storage, who may change the retention, and that going below the legal 12
// months takes a reason and leaves an audit row.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Role } from '../../electron/api/contract.ts';
import { Dispatcher, type Caller } from '../../electron/api/dispatcher.ts';
import { createHandlers, type HandlerContext } from '../../electron/api/handlers.ts';
import { Users } from '../../electron/auth/users.ts';
import { recentAudit } from '../../electron/db/audit.ts';
import { openDatabase, type Db } from '../../electron/db/database.ts';
import { PassageViews } from '../../electron/ledger/passage-views.ts';
import { silentLogger } from '../../electron/log/logger.ts';
import { MediaStore } from '../../electron/media/store.ts';
import { closeGap, openGap } from '../../electron/recording/gaps.ts';
import { StorageMonitor } from '../../electron/storage/monitor.ts';

const NOW = Date.UTC(2026, 11, 1, 4, 0, 0);
const GB = 1024 ** 3;

let dir: string;
let db: Db;
let dispatcher: Dispatcher;

const as = (role: Role): Caller => ({ token: null, remote: '127.0.0.1',
  user: { id: 1, username: `${role}-li`, displayName: role, role } });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-video-api-'));
  mkdirSync(join(dir, 'disk'));
  db = openDatabase(join(dir, 'gatehouse.db'));
  const storage = new StorageMonitor({ db, roots: [join(dir, 'disk')], cameraIds: ['cam-1'],
    freeSpace: async () => ({ freeBytes: 500 * GB, totalBytes: 1_000 * GB, device: 'd1' }),
    log: silentLogger(), now: () => NOW });
  const ctx: HandlerContext = { db, users: new Users(db), lanes: null,
    views: new PassageViews(db), media: new MediaStore(join(dir, 'media')), demo: false,
    version: 'test', now: () => NOW, recording: { statuses: () => [], storage } };
  dispatcher = new Dispatcher(createHandlers(ctx), silentLogger(), () => false);
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('video.gaps', () => {
  it('shows every guard the holes in the footage with their causes', async () => {
    openGap(db, { cameraId: 'cam-1', fromAt: NOW - 60_000, cause: 'source-lost',
      detail: '[error] rtsp://***:***@10.0.0.7/live: Connection refused' }, NOW);
    closeGap(db, 'cam-1', NOW - 50_000);
    openGap(db, { cameraId: 'cam-1', fromAt: NOW - 10_000, cause: 'stall',
      detail: 'no frame for 6200 ms' }, NOW);

    const result = await dispatcher.call(as('guard'), 'video.gaps',
      { cameraId: 'cam-1', from: NOW - 3_600_000, to: NOW });
    expect(result).toEqual({ ok: true, value: [
      { id: 1, cameraId: 'cam-1', fromAt: NOW - 60_000, toAt: NOW - 50_000, cause: 'source-lost',
        detail: '[error] rtsp://***:***@10.0.0.7/live: Connection refused' },
      { id: 2, cameraId: 'cam-1', fromAt: NOW - 10_000, toAt: null, cause: 'stall',
        detail: 'no frame for 6200 ms' },
    ] });
  });

  it('refuses a range that ends before it starts', async () => {
    expect(await dispatcher.call(as('guard'), 'video.gaps', { from: NOW, to: NOW - 1 }))
      .toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});

describe('video.storage and video.setRetention', () => {
  it('gives the forecast to officers and above, not guards', async () => {
    expect(await dispatcher.call(as('guard'), 'video.storage', {}))
      .toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const result = await dispatcher.call(as('installer'), 'video.storage', { refresh: true });
    expect(result).toMatchObject({ ok: true, value: {
      retention: { months: 12, legalMinimumMonths: 12, override: null },
      // One unmeasured camera counts at 1800 MB/hour: 12 months need ~15.8 TB of 500 GB.
      forecast: { fits: false, cameras: [{ cameraId: 'cam-1', mbPerHour: 1_800,
        measured: false }] },
      alarms: ['retention-does-not-fit'],
    } });
  });

  it('lets a manager shorten the retention only with a reason, and audits it', async () => {
    expect(await dispatcher.call(as('guard'), 'video.setRetention', { months: 24 }))
      .toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const refused = await dispatcher.call(as('manager'), 'video.setRetention', { months: 6 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(refused.ok ? '' : refused.error.message).toContain('legal minimum');

    const reason = '市生态环境局批复 2026-45 号';
    const result = await dispatcher.call(as('manager'), 'video.setRetention',
      { months: 6, overrideReason: reason });
    expect(result).toEqual({ ok: true, value: { months: 6, legalMinimumMonths: 12,
      override: { reason, actor: 'manager-li', at: NOW } } });
    expect(recentAudit(db, 'recording.retention.override', 5)).toHaveLength(1);
  });
});
