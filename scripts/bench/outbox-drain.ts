// outbox_drain_10k_s / outbox_duplicates: 10 000 passages (5 000 trucks, in and out) written
// into the outbox of a real SQLite file, then drained to the reference platform simulator
// running in its own process (as the real platform is not on the gate PC) over loopback HTTP
// with its state file. Timed from the drain's start until every row is acknowledged; the
// duplicates are those the simulator answered (a resend of a stored message), which a healthy
// link must never cause. The writes are not timed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openDatabase, type Db } from '../../electron/db/database.ts';
import { silentLogger } from '../../electron/log/logger.ts';
import { OutboxDrainer } from '../../electron/sync/drainer.ts';
import { outboxCounts } from '../../electron/sync/outbox.ts';
import {
  enqueuePassage, passageFixture, TEST_CREDENTIALS,
} from '../../electron/sync/test-support.ts';
import { startChild } from './children.ts';
import { onShutdown } from './shutdown.ts';
import { round2 } from './stats.ts';
import type { BenchContext, Measure, MeasureGroup } from './registry.ts';

export const DRAIN_10K_S = 'outbox_drain_10k_s';
export const DUPLICATES = 'outbox_duplicates';

const RECORDS = 10_000;

/** Rows per setup transaction: the lane writes one per passage, but the writes are not timed. */
const WRITE_BATCH = 500;

/** A drain that has not finished in this long is broken, not slow. */
const DRAIN_TIMEOUT_MS = 120_000;

/** After a pass that sent nothing (rows waiting on back-off), look again this much later. */
const IDLE_PASS_PAUSE_MS = 50;

export const outboxDrain: MeasureGroup = {
  id: 'outbox-drain',
  names: [DRAIN_10K_S, DUPLICATES],
  run,
};

async function run(ctx: BenchContext): Promise<Measure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-bench-outbox-'));
  const db = openDatabase(join(dir, 'gatehouse.db'));
  const platform = await startChild<{ ready: true; url: string }>({
    label: 'platform simulator', script: 'electron/sim/cli.ts', readyTimeoutMs: 30_000,
    args: ['platform', '--app-id', TEST_CREDENTIALS.appId, '--secret', TEST_CREDENTIALS.secret,
      '--state', join(dir, 'platform.jsonl')],
  });
  const cleanUp = async () => {
    await platform.stop();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  };
  const unregister = onShutdown(cleanUp);

  try {
    const writeMs = writeRecords(db);
    ctx.note(`${RECORDS} outbox rows written in ${Math.round(writeMs)} ms (not timed)`);

    const drainer = new OutboxDrainer({ db, log: silentLogger(),
      platform: { url: platform.ready.url, ...TEST_CREDENTIALS } });
    const seconds = await drainAll(db, drainer);

    const stats = await (await fetch(`${platform.ready.url}/sim/stats`)).json() as {
      acknowledged: number; duplicates: number;
    };
    if (stats.acknowledged !== RECORDS) {
      throw new Error(`the simulator stored ${stats.acknowledged} of ${RECORDS} messages`);
    }
    ctx.note(`${RECORDS} acknowledged in ${round2(seconds)} s, ` +
      `${Math.round(RECORDS / seconds)} messages/s; simulator in its own process`);
    return [
      { name: DRAIN_10K_S, value: round2(seconds), unit: 's' },
      { name: DUPLICATES, value: stats.duplicates, unit: 'messages' },
    ];
  } finally {
    unregister();
    await cleanUp();
  }
}

/** Entry then exit of each truck, as the lane writes them; returns the time it took. */
function writeRecords(db: Db): number {
  const started = performance.now();
  const now = Date.now();
  const write = db.transaction((first: number) => {
    for (let i = first; i < first + WRITE_BATCH; i += 2) {
      const plate = `冀A${String(10000 + i / 2)}`;
      enqueuePassage(db, passageFixture({ plate, direction: 1, passedAtMs: now }), now);
      enqueuePassage(db, passageFixture({ plate, direction: 2, passedAtMs: now }), now);
    }
  });
  for (let first = 0; first < RECORDS; first += WRITE_BATCH) write(first);
  return performance.now() - started;
}

/** Seconds from the first send until nothing is pending; passes repeat while rows remain. */
async function drainAll(db: Db, drainer: OutboxDrainer): Promise<number> {
  const started = performance.now();
  while (outboxCounts(db).pending > 0) {
    if (performance.now() - started > DRAIN_TIMEOUT_MS) {
      throw new Error(`${outboxCounts(db).pending} rows still pending after the timeout`);
    }
    const pass = await drainer.drainOnce();
    if (pass.sent === 0) await sleep(IDLE_PASS_PAUSE_MS);
  }
  const seconds = (performance.now() - started) / 1000;
  await drainer.stop();
  return seconds;
}
