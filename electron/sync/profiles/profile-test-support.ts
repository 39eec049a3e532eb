// Shared by the platform-profile tests: draining an outbox to the end on a fake clock, and
// reading the order in which a simulator stored each plate's entry and exit.
import type { Db } from '../../db/database.ts';
import type { StoredMessage } from '../../sim/platform-store.ts';
import type { OutboxDrainer } from '../drainer.ts';
import { outboxCounts } from '../outbox.ts';
import { MAX_RETRY_MS } from '../retry-policy.ts';

/**
 * Drains until nothing is pending, moving the fake clock past the longest back-off between
 * passes; fails after `maxPasses` so that a stuck outbox is a test failure, not a hang.
 */
export async function drainToTheEnd(
  db: Db, drainer: OutboxDrainer, advance: (ms: number) => void, maxPasses = 50,
): Promise<number> {
  for (let pass = 1; pass <= maxPasses; pass++) {
    await drainer.drainOnce();
    if (outboxCounts(db).pending === 0) return pass;
    advance(MAX_RETRY_MS);
  }
  throw new Error(`outbox still has ${outboxCounts(db).pending} pending after ${maxPasses} passes`);
}

interface WirePassage {
  plate: string;
  direction: string | number;
}

/** Plates whose exit the platform stored before their entry (empty when the order held). */
export function exitsBeforeEntries(messages: StoredMessage[], entryCode: string): string[] {
  const entered = new Set<string>();
  const wrong: string[] = [];
  for (const m of messages) {
    if (m.kind !== 'passage') continue;
    const p = m.data as WirePassage;
    if (String(p.direction) === entryCode) entered.add(p.plate);
    else if (!entered.has(p.plate)) wrong.push(p.plate);
  }
  return wrong;
}
