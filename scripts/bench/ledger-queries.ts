// ledger_plate_time_query_ms / ledger_filtered_page_ms: the visit ledger's two everyday reads on
// 10 M passages (scripts/bench/ledger-fixture.ts), through the same code the API runs
// (Visits.list): one plate over one month, and a month's closed visits of China III/IV trucks
// sorted newest first, a page of 50 with its total. Medians over many different plates and
// months; the goals are 5 ms and 50 ms.
import { Visits } from '../../electron/ledger/visits.ts';
import { sheetPlate } from '../../electron/sim/carrier-sheet.ts';
import { FIXTURE_DAYS, FIXTURE_START, openLedgerFixture } from './ledger-fixture.ts';
import { onShutdown } from './shutdown.ts';
import { percentile, round2 } from './stats.ts';
import type { BenchContext, Measure, MeasureGroup } from './registry.ts';

export const PLATE_TIME = 'ledger_plate_time_query_ms';
export const FILTERED_PAGE = 'ledger_filtered_page_ms';

/** `BENCH_LEDGER_PASSAGES` makes a smaller file for trying the bench out; reported as such. */
const PASSAGES = Number(process.env.BENCH_LEDGER_PASSAGES ?? 10_000_000);
const SAMPLES = 201;
const MONTH_MS = 30 * 86_400_000;

export const ledgerQueries: MeasureGroup = {
  id: 'ledger-queries',
  names: [PLATE_TIME, FILTERED_PAGE],
  run,
};

async function run(ctx: BenchContext): Promise<Measure[]> {
  const fixture = openLedgerFixture(PASSAGES, ctx.note);
  const unregister = onShutdown(async () => {
    fixture.db.close();
  });
  try {
    const visits = new Visits(fixture.db);
    const days = FIXTURE_DAYS;
    const monthStart = (i: number) =>
      FIXTURE_START + ((i * 7919) % Math.max(1, days - 30)) * 86_400_000;

    const plateMs = timed(SAMPLES, (i) => {
      const from = monthStart(i);
      const page = visits.list({ plate: sheetPlate((i * 104_729) % fixture.plates), from,
        to: from + MONTH_MS, state: 'any', limit: 50, offset: 0, sort: 'enteredAt',
        dir: 'desc' });
      return page.total;
    });
    const pageMs = timed(SAMPLES, (i) => {
      const from = monthStart(i);
      const page = visits.list({ from, to: from + MONTH_MS, stages: ['3', '4'],
        state: 'closed', limit: 50, offset: (i % 4) * 50, sort: 'enteredAt', dir: 'desc' });
      return page.total;
    });

    ctx.note(`${PASSAGES} passages; plate/month ${plateMs.found} visits found over ` +
      `${SAMPLES} queries, p99 ${round2(percentile(plateMs.samples, 99))} ms; filtered page ` +
      `p99 ${round2(percentile(pageMs.samples, 99))} ms, ${pageMs.found} rows counted`);
    return [
      { name: PLATE_TIME, value: round2(percentile(plateMs.samples, 50)), unit: 'ms' },
      { name: FILTERED_PAGE, value: round2(percentile(pageMs.samples, 50)), unit: 'ms' },
    ];
  } finally {
    unregister();
    fixture.db.close();
  }
}

/** Runs `query` n times (after one warm-up each way) and keeps each run's milliseconds. */
function timed(n: number, query: (i: number) => number): { samples: number[]; found: number } {
  query(n);
  const samples: number[] = [];
  let found = 0;
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    found += query(i);
    samples.push(performance.now() - started);
  }
  return { samples, found };
}
