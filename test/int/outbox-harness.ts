// The outbox chaos and property tests' world: a real SQLite file, the reference platform
// simulator on a real loopback socket, and one fake clock both of them read. The claim every
// test ends with lives here: each record delivered exactly once, in order per plate.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { openDatabase, type Db } from '../../electron/db/database.ts';
import { silentLogger } from '../../electron/log/logger.ts';
import {
  startPlatformSim, type PlatformSim, type SimFaults,
} from '../../electron/sim/platform.ts';
import { OutboxDrainer, type OutboxDrainerOptions } from '../../electron/sync/drainer.ts';
import { listOutbox, outboxCounts, type OutboxRow } from '../../electron/sync/outbox.ts';
import { MAX_RETRY_MS } from '../../electron/sync/retry-policy.ts';
import { TEST_CREDENTIALS } from '../../electron/sync/test-support.ts';

/** 2025-01-15 10:00:00 in Shanghai: where every world's clock starts. */
export const T0 = Date.UTC(2025, 0, 15, 2, 0, 0);

export class OutboxWorld {
  readonly dir = mkdtempSync(join(tmpdir(), 'gatehouse-outbox-'));
  readonly dbFile = join(this.dir, 'gatehouse.db');
  readonly stateFile = join(this.dir, 'platform-state.jsonl');
  clock = T0;
  db: Db = openDatabase(this.dbFile);
  sim: PlatformSim | null = null;
  drainer!: OutboxDrainer;
  private port = 0;
  private readonly drainerOptions: Partial<OutboxDrainerOptions>;

  private constructor(drainerOptions: Partial<OutboxDrainerOptions>) {
    this.drainerOptions = drainerOptions;
  }

  /** A gate with an empty outbox and the platform up (its port is the gate's platform URL). */
  static async start(drainerOptions: Partial<OutboxDrainerOptions> = {}): Promise<OutboxWorld> {
    const world = new OutboxWorld(drainerOptions);
    await world.platformUp();
    world.drainer = world.newDrainer();
    return world;
  }

  readonly now = (): number => this.clock;

  advance(ms: number): void {
    this.clock += ms;
  }

  /** The platform comes up (again) on its port, remembering what it stored (state file). */
  async platformUp(faults: SimFaults = {}): Promise<PlatformSim> {
    if (this.sim) return this.sim;

    this.sim = await startPlatformSim({ ...TEST_CREDENTIALS, log: silentLogger(),
      now: this.now, stateFile: this.stateFile, port: this.port, faults });
    this.port = this.sim.port;
    return this.sim;
  }

  /** The platform goes away: its port refuses connections until platformUp(). */
  async platformDown(): Promise<void> {
    const sim = this.sim;
    this.sim = null;
    await sim?.stop();
  }

  /** The gate PC restarts: drainer stopped (requests in flight abandoned), database reopened. */
  async restartGate(): Promise<void> {
    await this.drainer.stop();
    this.db.close();
    this.db = openDatabase(this.dbFile);
    this.drainer = this.newDrainer();
  }

  /**
   * Drains until nothing is pending, the clock moving past the longest back-off between passes;
   * a stuck outbox fails the test instead of hanging it.
   */
  async drainToTheEnd(maxPasses = 60): Promise<void> {
    for (let pass = 0; pass < maxPasses; pass++) {
      await this.drainer.drainOnce();
      if (outboxCounts(this.db).pending === 0) return;
      this.advance(MAX_RETRY_MS);
    }
    throw new Error(`${outboxCounts(this.db).pending} rows still pending`);
  }

  async close(): Promise<void> {
    await this.drainer.stop();
    await this.platformDown();
    this.db.close();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private newDrainer(): OutboxDrainer {
    return new OutboxDrainer({ db: this.db, log: silentLogger(), now: this.now,
      platform: { url: `http://127.0.0.1:${this.port}`, ...TEST_CREDENTIALS },
      ...this.drainerOptions });
  }
}

/**
 * The outbox's promise: every row acknowledged; the platform stored each message id once and
 * exactly the ids the outbox holds, each passage once; each plate's rows in their queue order.
 */
export function expectDeliveredExactlyOnceInOrder(db: Db, sim: PlatformSim): void {
  // A refusal the officer resent is answered by its resend; the refused message was never stored.
  const rows = listOutbox(db, 1_000_000).filter((r) => r.resentAs === null);
  const stored = sim.messages();

  expect(rows.filter((r) => r.state !== 'acked')).toEqual([]);
  expect(new Set(stored.map((m) => m.messageId)).size).toBe(stored.length);
  expect(stored.map((m) => m.messageId).sort()).toEqual(rows.map((r) => r.messageId).sort());
  expect(storedTwice(stored.filter((m) => m.kind === 'passage'))).toEqual([]);
  expect(outOfOrderKeys(rows, sim)).toEqual([]);
}

/** Order keys whose rows the platform stored out of their queue order (order_at, id). */
export function outOfOrderKeys(rows: OutboxRow[], sim: PlatformSim): string[] {
  const seqOf = new Map(sim.messages().map((m) => [m.messageId, m.seq]));
  const byKey = new Map<string, OutboxRow[]>();
  for (const row of rows) byKey.set(row.orderKey, [...(byKey.get(row.orderKey) ?? []), row]);

  const wrong: string[] = [];
  for (const [key, keyRows] of byKey) {
    const queue = keyRows.sort((a, b) => a.orderAt - b.orderAt || a.id - b.id);
    const seqs = queue.map((r) => seqOf.get(r.messageId) ?? -1);
    if (seqs.some((seq, i) => i > 0 && seq < seqs[i - 1]!)) wrong.push(key);
  }
  return wrong;
}

/** Passages the platform holds more than once (under different message ids). */
function storedTwice(stored: { data: unknown }[]): string[] {
  const seen = new Set<string>();
  const twice: string[] = [];
  for (const m of stored) {
    const id = (m.data as { passageId: string }).passageId;
    if (seen.has(id)) twice.push(id);
    seen.add(id);
  }
  return twice;
}
