// Chaos against the platform simulator on a fake clock, over real loopback sockets: a day-long
// outage, bursts of 5xx, and acknowledgements lost after the platform committed (the duplicate
// trap). Each ends with every record delivered exactly once, in order per plate.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { VehicleRegistry } from '../../electron/ledger/vehicles.ts';
import { listOutbox } from '../../electron/sync/outbox.ts';
import { MAX_RETRY_MS } from '../../electron/sync/retry-policy.ts';
import { enqueuePassage, passageFixture } from '../../electron/sync/test-support.ts';
import type { PassageMessage } from '../../electron/sync/passage-message.ts';
import { expectDeliveredExactlyOnceInOrder, OutboxWorld, T0 } from './outbox-harness.ts';

const HOUR = 3_600_000;

let world: OutboxWorld;
afterEach(async () => {
  await world.close();
});

/** A truck passes a lane now, and the lane writes its passage and outbox row. */
function pass(plate: string, direction: 1 | 2): void {
  const message = passageFixture({ plate, direction, passedAtMs: world.clock });
  enqueuePassage(world.db, message, world.clock);
}

const storedPassages = () =>
  world.sim!.messages().filter((m) => m.kind === 'passage').map((m) => m.data as PassageMessage);

/** A small seeded generator, so a failing run can be replayed exactly. */
function seeded(seed: number): (n: number) => number {
  let state = seed >>> 0;
  return (n) => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state % n;
  };
}

describe('the outbox under chaos', () => {
  it('keeps a whole day\'s records through a 24-hour outage, then delivers each once', async () => {
    world = await OutboxWorld.start();
    const registry = new VehicleRegistry(world.db);
    await world.platformDown();

    // The gate goes on all day: a truck in and out every hour, and a new lorry registered at
    // 11:00 that comes through at 12:00 (its registration must reach the platform first).
    for (let hour = 0; hour < 24; hour++) {
      if (hour === 1) {
        registry.add({ plate: '冀A77777', plateColor: 'yellow', vehicleType: 'H11', fuel: 'B',
          emissionStage: '6', stageEvidence: 'ENV_LIST' }, { now: world.clock });
      }
      const plate = hour === 2 ? '冀A77777' : `冀A${30000 + hour}`;
      pass(plate, 1);
      await world.drainer.drainOnce();
      world.advance(HOUR / 2);
      pass(plate, 2);
      await world.drainer.drainOnce();
      world.advance(HOUR / 2);
    }

    // Nothing is given up and nothing waits longer than the back-off's cap.
    const waiting = listOutbox(world.db);
    expect(waiting).toHaveLength(49);
    expect(waiting.every((r) => r.state === 'pending')).toBe(true);
    expect(waiting[0]!.attempts).toBeGreaterThanOrEqual(47);
    expect(waiting[0]!.lastError).toMatch(/^retryable: network: /);
    expect(Math.max(...waiting.map((r) => r.nextAttemptAt))).toBeLessThanOrEqual(
      world.clock + MAX_RETRY_MS);

    await world.platformUp();
    await world.drainToTheEnd();

    expectDeliveredExactlyOnceInOrder(world.db, world.sim!);
    expect(storedPassages().every((p) => p.backfill)).toBe(true);
    const lorry = world.sim!.messages()
      .filter((m) => (m.data as { plate?: string }).plate === '冀A77777').map((m) => m.kind);
    expect(lorry).toEqual(['vehicle', 'passage', 'passage']);
  });

  it('rides out bursts of 5xx while trucks keep coming', async () => {
    world = await OutboxWorld.start();
    const random = seeded(7);
    const inside: string[] = [];

    for (let round = 0; round < 40; round++) {
      world.sim!.injectFaults({ failNext: random(12) });
      for (let k = random(3); k >= 0; k--) {
        const leaving = inside.length > 0 && random(2) === 0;
        if (leaving) pass(inside.splice(random(inside.length), 1)[0]!, 2);
        else pass(inside[inside.push(`冀B${40000 + round * 3 + k}`) - 1]!, 1);
      }
      await world.drainer.drainOnce();
      world.advance(500 + random(5_000));
    }

    world.sim!.injectFaults({});
    await world.drainToTheEnd();

    expect(world.sim!.stats().injectedFailures).toBeGreaterThan(50);
    expect(listOutbox(world.db).some((r) => r.attempts > 1)).toBe(true);
    expectDeliveredExactlyOnceInOrder(world.db, world.sim!);
  });

  it('recognises the resend of a message whose acknowledgement was lost', async () => {
    world = await OutboxWorld.start({ requestTimeoutMs: 150 });
    for (let truck = 0; truck < 10; truck++) pass(`冀C${50000 + truck}`, 1);
    for (let truck = 0; truck < 10; truck++) pass(`冀C${50000 + truck}`, 2);

    // The platform commits each entry, then answers too late for the gate.
    world.sim!.injectFaults({ ackDelayMs: 400 });
    expect(await world.drainer.drainOnce()).toEqual({ sent: 10, acked: 0, failed: 10 });
    await vi.waitFor(() => expect(world.sim!.stats().acknowledged).toBe(10));
    const timedOut = listOutbox(world.db).filter((r) => r.attempts === 1);
    expect(timedOut.map((r) => r.lastError)).toEqual(
      Array(10).fill('retryable: no answer within 150 ms'));

    // Then it commits three exits and cuts the line before its answer.
    world.sim!.injectFaults({ dropAckNext: 3 });
    world.advance(1_000);
    await world.drainToTheEnd();

    // 10 entries and 3 exits were sent again (more only if a busy machine delayed an answer).
    expect(world.sim!.stats()).toMatchObject({ acknowledged: 20, droppedAcks: 3 });
    expect(world.sim!.stats().duplicates).toBeGreaterThanOrEqual(13);
    expectDeliveredExactlyOnceInOrder(world.db, world.sim!);
  });
});
