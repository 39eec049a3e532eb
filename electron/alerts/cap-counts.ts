// The counts the cap rests on, straight from the passage ledger, by Asia/Shanghai day.
// "Admitted inbound transport passage" (a trip): an entry (direction in) of a registered
// transport vehicle or an unregistered one (which only enters on an override), whose decision
// let it in or whose denial was overridden. Denied reads of a waiting truck are not trips.
// The cap counts trips but those allowed with an exemption: an exempt vehicle (livelihood
// supply, hazardous chemicals…) is outside the measure, and the decision waives the cap for it.
// A test push's passage (the setup wizard's) is no traffic at all: it counts nowhere here, not
// as a trip, not toward the cap, not as the passage that makes a day a normal working day.
import type { Db } from '../db/database.ts';
import { DAY_MS, SHANGHAI_OFFSET_MS } from './shanghai-day.ts';

const FROM_PASSAGES = `FROM passages p
  LEFT JOIN vehicles v ON v.id = p.vehicle_id
  LEFT JOIN passage_overrides o ON o.passage_id = p.id`;

const INBOUND_TRANSPORT = `p.direction = 'in'
  AND (p.vehicle_id IS NULL OR v.category = 'transport')`;

const REAL = 'p.test_push = 0';

const ADMITTED = `(p.decision != 'deny' OR o.passage_id IS NOT NULL)`;

const COUNTED_BY_CAP = `(p.decision = 'allow' OR o.passage_id IS NOT NULL)`;

export interface DayCounts {
  /** UTC epoch milliseconds of the day's local midnight. */
  dayStart: number;
  /** Every passage of the day, any lane, any decision: the gate was running. */
  seen: number;
  /** Admitted inbound transport passages: trips. */
  admitted: number;
  /** Inbound transport passages denied and not overridden. */
  denied: number;
  /** Inbound transport denials that were overridden (included in `admitted`). */
  overridden: number;
  /** Trips allowed with an exemption (included in `admitted`, not counted by the cap). */
  exempted: number;
}

export class CapCounts {
  private readonly perDay;
  private readonly countedIn;

  constructor(db: Db) {
    this.perDay = db.prepare(`
      SELECT (p.captured_at + ${SHANGHAI_OFFSET_MS}) / ${DAY_MS} AS day_no,
        count(*) AS seen,
        sum(CASE WHEN ${INBOUND_TRANSPORT} AND ${ADMITTED} THEN 1 ELSE 0 END) AS admitted,
        sum(CASE WHEN ${INBOUND_TRANSPORT} AND NOT ${ADMITTED} THEN 1 ELSE 0 END) AS denied,
        sum(CASE WHEN ${INBOUND_TRANSPORT} AND o.passage_id IS NOT NULL THEN 1 ELSE 0 END)
          AS overridden,
        sum(CASE WHEN ${INBOUND_TRANSPORT} AND p.decision = 'allow-with-exemption'
          THEN 1 ELSE 0 END) AS exempted
      ${FROM_PASSAGES}
      WHERE p.captured_at >= ? AND p.captured_at < ? AND ${REAL}
      GROUP BY day_no`);
    this.countedIn = db.prepare(`SELECT count(*) AS n ${FROM_PASSAGES}
      WHERE p.captured_at >= ? AND p.captured_at < ? AND ${REAL} AND ${INBOUND_TRANSPORT}
        AND ${COUNTED_BY_CAP}`);
  }

  /** Per-day counts of the days in [from, to) that have passages; from/to on day starts. */
  byDay(from: number, to: number): Map<number, DayCounts> {
    const rows = this.perDay.all(from, to) as Array<Omit<DayCounts, 'dayStart'> & {
      day_no: number }>;

    const days = new Map<number, DayCounts>();
    for (const r of rows) {
      const dayStart = r.day_no * DAY_MS - SHANGHAI_OFFSET_MS;
      days.set(dayStart, { dayStart, seen: r.seen, admitted: r.admitted, denied: r.denied,
        overridden: r.overridden, exempted: r.exempted });
    }
    return days;
  }

  /** Trips in [from, to) that count against the cap (exempt ones do not). */
  countedByCap(from: number, to: number): number {
    return (this.countedIn.get(from, to) as { n: number }).n;
  }
}
