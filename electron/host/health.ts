// The health report (`GET /api/health`): what an installer or a monitoring script needs to
// see at a glance — devices, today's passages, the outbox, recordings and the last errors.
import type { Db } from '../db/database.ts';
import type { SiteConfig } from '../config/site.ts';
import type { LogRing } from '../log/logger.ts';
import type { LaneService } from '../lanes/lane-service.ts';
import { outboxCounts } from '../sync/outbox.ts';
import type { DeviceHealthView } from '../api/contract.ts';
import type { StorageReport } from '../storage/monitor.ts';

/** China Standard Time, +08:00 all year: "today" at the gate starts at local midnight. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
/** pino's numeric level for warnings: the report lists warnings and errors. */
const WARN_LEVEL = 40;

export interface HealthSources {
  db: Db;
  site: SiteConfig | null;
  lanes: LaneService | null;
  lprPort: number | null;
  lastPushAt: Map<string, number>;
  recorders: Map<string, { state: string; error: string | null }>;
  ring: LogRing;
  links: Record<string, string>;
  /** Device health (issue #3): whether each camera, barrier and recorder is up. */
  devices?: DeviceHealthView[];
  /** The footage storage's last check (issue #6); absent without recording. */
  storage?: () => StorageReport | null;
}

export function startOfShanghaiDay(now: number): number {
  return Math.floor((now + SHANGHAI_OFFSET_MS) / DAY_MS) * DAY_MS - SHANGHAI_OFFSET_MS;
}

export function healthReport(s: HealthSources, now = Date.now()) {
  const passagesToday = (
    s.db.prepare('SELECT count(*) AS n FROM passages WHERE captured_at >= ? AND test_push = 0')
      .get(startOfShanghaiDay(now)) as { n: number }
  ).n;
  const segments = (s.db.prepare('SELECT count(*) AS n FROM segments').get() as { n: number }).n;
  const outbox = outboxCounts(s.db);
  const lprHost = s.site?.lpr.host === '0.0.0.0' ? '<this-pc>' : s.site?.lpr.host;

  return {
    status: 'ok',
    at: now,
    devices: {
      cameras: (s.site?.cameras ?? []).map((c) => ({
        id: c.id,
        vendor: c.vendor,
        pushUrl: s.lprPort === null ? null
          : `http://${lprHost}:${s.lprPort}/lpr/${c.vendor}/${c.id}`,
        lastPushAt: s.lastPushAt.get(c.id) ?? null,
        recording: s.recorders.get(c.id) ?? null,
      })),
      barriers: (s.lanes?.laneViews() ?? []).map((l) => ({
        laneId: l.id, kind: l.barrierKind, state: l.barrierState, lastError: l.barrierError,
      })),
    },
    deviceHealth: s.devices ?? [],
    passagesToday,
    outbox: { pending: outbox.pending, acknowledged: outbox.acked, rejected: outbox.rejected },
    segments,
    storage: storageLine(s.storage?.() ?? null),
    links: s.links,
    lastErrors: s.ring.recent(WARN_LEVEL, 20),
  };
}

/** The storage alarm line: empty alarms when the disks hold the retention. */
function storageLine(report: StorageReport | null) {
  if (!report) return null;
  return {
    alarms: report.alarms,
    retentionMonths: report.retention.months,
    daysThatFit: report.forecast.daysThatFit,
    neededBytes: report.forecast.neededBytes,
    availableBytes: report.forecast.availableBytes,
  };
}
