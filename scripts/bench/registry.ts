// The bench's registry: every measure group, and which measure names each one produces. A later
// issue adds its measures as one more file beside this one and one more entry in GROUPS.
import { decisions } from './decisions.ts';
import { lprParse } from './lpr-parse.ts';
import { outboxDrain } from './outbox-drain.ts';
import { pushToRelay } from './push-to-relay.ts';
import { ledgerQueries } from './ledger-queries.ts';
import { vehicleImport } from './vehicle-import.ts';
import { liveLatency } from './live-latency.ts';
import { recorderCpu } from './recorder-cpu.ts';

/** One number the bench reports, printed as one JSON line on stdout. */
export interface Measure {
  name: string;
  value: number;
  unit: string;
}

export interface BenchContext {
  /** Progress and findings for the person running the bench; never stdout. */
  note(text: string): void;
  /** `--pushes N`: how many pushes a push-driven group sends (its own default otherwise). */
  pushes: number | undefined;
}

/**
 * A group is one run that yields several measures (one run of 500 pushes gives both the p50
 * and the p99). `--only NAME` runs the group that produces NAME and prints NAME alone.
 */
export interface MeasureGroup {
  id: string;
  names: readonly string[];
  run(ctx: BenchContext): Promise<Measure[]>;
}

export const GROUPS: readonly MeasureGroup[] = [
  pushToRelay, decisions, outboxDrain, lprParse, ledgerQueries, vehicleImport, liveLatency,
  recorderCpu,
];

/** Measure name → the group that produces it. */
export const MEASURES: ReadonlyMap<string, MeasureGroup> = new Map(
  GROUPS.flatMap((g) => g.names.map((name) => [name, g] as const)),
);
