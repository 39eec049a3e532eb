// The one-line JSON summary `--seconds N` prints at the end of a demo run, and the verdict:
// a run fails when a link that could run here did not work.
import type { RunningHost } from './host.ts';

export interface DemoSummary {
  /** Passages of trucks; the wizard's test pushes are counted apart (they reach no platform). */
  passages: number;
  allowed: number;
  denied: number;
  testPushes: number;
  acknowledged: number;
  pending: number;
  rejected: number;
  segments: number;
  barrierErrors: number;
  errors: number;
  /** Links that could not run on this machine, with the reason. */
  skipped: Record<string, string>;
  /** Links that could run but did not work. */
  failed: string[];
}

export function demoSummary(host: RunningHost): DemoSummary {
  const db = host.db;
  const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  const health = host.health();

  const s: DemoSummary = {
    passages: count('SELECT count(*) AS n FROM passages WHERE test_push = 0'),
    allowed: count(`SELECT count(*) AS n FROM passages WHERE test_push = 0
      AND decision != 'deny'`),
    denied: count("SELECT count(*) AS n FROM passages WHERE test_push = 0 AND decision = 'deny'"),
    testPushes: count('SELECT count(*) AS n FROM passages WHERE test_push = 1'),
    acknowledged: health.outbox.acknowledged,
    pending: health.outbox.pending,
    rejected: health.outbox.rejected,
    segments: health.segments,
    barrierErrors: count('SELECT count(*) AS n FROM barrier_events WHERE ok = 0'),
    errors: health.lastErrors.filter((l) => l.level >= 50).length,
    skipped: host.skipped,
    failed: [],
  };

  if (s.pending > 0 || s.rejected > 0) s.failed.push('sync');
  if (s.barrierErrors > 0) s.failed.push('barrier');
  if (!('recording' in s.skipped) && s.segments === 0) s.failed.push('recording');
  if (host.scriptedTrucks && s.passages === 0) s.failed.push('lpr');
  return s;
}

export const summaryFailed = (s: DemoSummary) => s.failed.length > 0;
