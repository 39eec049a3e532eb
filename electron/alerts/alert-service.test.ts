// The manager's alerts on a real SQLite file: set now or ahead, cancelled, audited, and the
// control state reported at once on a change and on the minute at each start and end.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Db } from '../db/database.ts';
import { recentAudit } from '../db/audit.ts';
import { silentLogger } from '../log/logger.ts';
import type { ControlView } from '../api/contract.ts';
import { AlertService } from './alert-service.ts';

const sh = (y: number, mo: number, d: number, h = 0, mi = 0) =>
  Date.UTC(y, mo - 1, d, h, mi) - 8 * 3_600_000;
const HOUR = 3_600_000;

let dir: string;
let db: Db;
let service: AlertService;
let seen: ControlView[];

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.setSystemTime(sh(2024, 11, 5, 9, 30));
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-alerts-'));
  db = openDatabase(join(dir, 'gatehouse.db'));
  service = new AlertService({ db, log: silentLogger() });
  seen = [];
  service.onChange((view) => seen.push(view));
  service.start();
});

afterEach(() => {
  service.stop();
  vi.useRealTimers();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a manager setting an alert', () => {
  it('puts it in force at once and says so, with the measure text', () => {
    const set = service.set({ level: 'orange', startsAt: Date.now(), endsAt: sh(2024, 11, 7),
      measure: '停止使用国二及以下非道路移动机械' }, 'manager-wang');
    expect(set).toMatchObject({ ok: true, value: { level: 'orange', response: 'II',
      source: 'manual', status: 'in-force', createdBy: 'manager-wang' } });

    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ level: 'orange', response: 'II',
      measure: '停止使用国二及以下非道路移动机械', endsAt: sh(2024, 11, 7) });
    expect(service.controlStateAt(Date.now()).level).toBe('orange');

    const [audit] = recentAudit(db, 'alert.set', 1);
    expect(audit).toMatchObject({ actor: 'manager-wang', detail: { level: 'orange' } });
  });

  it('scheduled ahead, switches the control state on at its start and off at its end', () => {
    const set = service.set({ level: 'red', startsAt: sh(2024, 11, 6), endsAt: sh(2024, 11, 6, 12),
      measure: '' }, 'manager-wang');
    expect(set).toMatchObject({ ok: true, value: { source: 'scheduled', status: 'scheduled' } });
    expect(seen.at(-1)).toMatchObject({ level: 'none',
      next: { level: 'red', startsAt: sh(2024, 11, 6) } });

    vi.setSystemTime(sh(2024, 11, 5, 23, 0));
    vi.advanceTimersByTime(sh(2024, 11, 6) - Date.now() - 1);
    expect(seen.at(-1)?.level).toBe('none');

    vi.advanceTimersByTime(1);
    expect(seen.at(-1)).toMatchObject({ level: 'red', response: 'I', next: null });

    vi.advanceTimersByTime(12 * HOUR);
    expect(seen.at(-1)?.level).toBe('none');
    expect(service.list(10)[0]?.status).toBe('ended');
  });

  it('refuses an alert that ends before it starts or in the past', () => {
    const backwards = service.set({ level: 'yellow', startsAt: sh(2024, 11, 7),
      endsAt: sh(2024, 11, 6), measure: '' }, 'm');
    expect(backwards).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const past = service.set({ level: 'yellow', startsAt: sh(2024, 11, 1),
      endsAt: sh(2024, 11, 2), measure: '' }, 'm');
    expect(past).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(seen).toEqual([]);
  });
});

describe('cancelling an alert', () => {
  it('ends it now, keeps the row with who and when, and is audited', () => {
    const set = service.set({ level: 'yellow', startsAt: Date.now(), endsAt: sh(2024, 11, 8),
      measure: '' }, 'manager-wang');
    if (!set.ok) throw new Error('not set');

    vi.advanceTimersByTime(HOUR);
    const cancelled = service.cancel(set.value.id, 'manager-li');
    expect(cancelled).toMatchObject({ ok: true, value: { status: 'cancelled',
      cancelledBy: 'manager-li', cancelledAt: sh(2024, 11, 5, 10, 30) } });
    expect(seen.at(-1)?.level).toBe('none');
    // It was in force before the cancellation: the record of that hour stays true.
    expect(service.controlStateAt(sh(2024, 11, 5, 10)).level).toBe('yellow');
    expect(recentAudit(db, 'alert.cancel', 1)[0]).toMatchObject({ actor: 'manager-li' });

    expect(service.cancel(set.value.id, 'manager-li')).toMatchObject({ ok: false,
      error: { code: 'conflict' } });
    expect(service.cancel(999, 'manager-li')).toMatchObject({ ok: false,
      error: { code: 'not_found' } });
  });

  it('cancelled before its start, never comes into force and its timer says nothing', () => {
    const set = service.set({ level: 'red', startsAt: sh(2024, 11, 6), endsAt: sh(2024, 11, 7),
      measure: '' }, 'm');
    if (!set.ok) throw new Error('not set');
    service.cancel(set.value.id, 'm');
    const reported = seen.length;

    vi.advanceTimersByTime(sh(2024, 11, 6, 12) - Date.now());
    expect(seen).toHaveLength(reported);
    expect(service.controlStateAt(sh(2024, 11, 6, 12)).level).toBe('none');
  });
});

describe('alerts from the platform', () => {
  const announced = { platformId: 'HN-2024-117', level: 'orange' as const, response: 'II' as const,
    startsAt: sh(2024, 11, 5), endsAt: sh(2024, 11, 7), measure: '橙色预警' };

  it('are taken once by their platform id, and a moved end updates the row', () => {
    expect(service.takeFromPlatform([announced])).toEqual({ added: 1, updated: 0, unchanged: 0 });
    expect(service.takeFromPlatform([announced])).toEqual({ added: 0, updated: 0, unchanged: 1 });
    expect(seen).toHaveLength(1);

    const moved = { ...announced, endsAt: sh(2024, 11, 8) };
    expect(service.takeFromPlatform([moved])).toEqual({ added: 0, updated: 1, unchanged: 0 });
    expect(service.list(10)).toHaveLength(1);
    expect(service.list(10)[0]).toMatchObject({ source: 'platform', platformId: 'HN-2024-117',
      createdBy: 'platform', endsAt: sh(2024, 11, 8) });
    expect(seen.at(-1)).toMatchObject({ level: 'orange', endsAt: sh(2024, 11, 8) });
  });

  it('stay cancelled when the manager cancelled one and the platform repeats it', () => {
    service.takeFromPlatform([announced]);
    const id = service.list(1)[0]!.id;
    service.cancel(id, 'manager-wang');

    service.takeFromPlatform([{ ...announced, measure: '更正' }]);
    expect(service.list(1)[0]).toMatchObject({ status: 'cancelled', measure: '更正' });
    expect(service.controlStateAt(Date.now()).level).toBe('none');
  });
});
