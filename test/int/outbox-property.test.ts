// A property over random days at the gate: passages and vehicle registrations written while
// the platform answers 5xx, commits and loses its answer, answers too late, goes down and comes
// back, and while the gate PC restarts (cleanly, or in the middle of a drain). Whatever the
// interleaving, once the platform is back every record is delivered exactly once: the
// simulator stores exactly the outbox's message ids, each once, in order per plate.
import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { VehicleRegistry } from '../../electron/ledger/vehicles.ts';
import type { SimFaults } from '../../electron/sim/platform.ts';
import { enqueuePassage, passageFixture } from '../../electron/sync/test-support.ts';
import { expectDeliveredExactlyOnceInOrder, OutboxWorld } from './outbox-harness.ts';

const PLATES = ['冀F80001', '冀F80002', '冀F80003', '冀F80004'] as const;

/** Short enough to keep a run quick, long enough for a healthy loopback answer. */
const REQUEST_TIMEOUT_MS = 40;
/** Past the gate's timeout: the platform has committed what the gate will call lost. */
const LATE_ACK_MS = 70;

const step = fc.oneof(
  { weight: 6, arbitrary: fc.record({ t: fc.constant('pass' as const),
    plate: fc.nat(PLATES.length - 1) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('register' as const),
    plate: fc.nat(PLATES.length - 1) }) },
  { weight: 4, arbitrary: fc.record({ t: fc.constant('drain' as const) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('fail5xx' as const),
    n: fc.integer({ min: 1, max: 6 }) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('dropAck' as const),
    n: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('lateAck' as const) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('down' as const) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('up' as const) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('restart' as const) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('crashMidDrain' as const),
    afterMs: fc.integer({ min: 0, max: 15 }) }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('tick' as const),
    ms: fc.integer({ min: 0, max: 90_000 }) }) },
);
type Step = typeof step extends fc.Arbitrary<infer S> ? S : never;

/** One day at the gate, as the steps say, then the platform back and the outbox drained. */
async function runDay(steps: Step[]): Promise<void> {
  const world = await OutboxWorld.start({ requestTimeoutMs: REQUEST_TIMEOUT_MS });
  const inside = new Set<string>();
  const registered = new Set<string>();
  let faults: SimFaults = {};
  let passages = 0;
  const inject = (next: SimFaults) => {
    faults = next;
    world.sim?.injectFaults(faults);
  };

  try {
    for (const s of steps) {
      if (s.t === 'pass') {
        const plate = PLATES[s.plate]!;
        const direction = inside.has(plate) ? 2 : 1;
        if (direction === 1) inside.add(plate);
        else inside.delete(plate);
        const message = { ...passageFixture({ plate, direction, passedAtMs: world.clock }),
          passageId: `passage-${++passages}` };
        enqueuePassage(world.db, message, world.clock);
      }
      if (s.t === 'register') register(world, PLATES[s.plate]!, registered);
      if (s.t === 'drain') await world.drainer.drainOnce();
      if (s.t === 'fail5xx') inject({ ...faults, failNext: s.n });
      if (s.t === 'dropAck') inject({ ...faults, dropAckNext: s.n });
      if (s.t === 'lateAck') {
        inject({ ...faults, ackDelayMs: LATE_ACK_MS });
        await world.drainer.drainOnce();
        inject({ ...faults, ackDelayMs: 0 });
      }
      if (s.t === 'down') await world.platformDown();
      if (s.t === 'up') await world.platformUp(faults);
      if (s.t === 'restart') await world.restartGate();
      if (s.t === 'crashMidDrain') {
        const pass = world.drainer.drainOnce();
        await delay(s.afterMs);
        await world.restartGate();
        await pass;
      }
      if (s.t === 'tick') world.advance(s.ms);
    }

    await world.platformUp();
    world.sim!.injectFaults({});
    await world.drainToTheEnd();
    expectDeliveredExactlyOnceInOrder(world.db, world.sim!);
  } finally {
    await world.close();
  }
}

/** The officer registers a plate's lorry, or changes its fleet once it is registered. */
function register(world: OutboxWorld, plate: string, registered: Set<string>): void {
  const registry = new VehicleRegistry(world.db);
  if (registered.has(plate)) {
    registry.update(plate, 'yellow', { fleet: `车队${world.clock % 97}` }, { now: world.clock });
    return;
  }
  registered.add(plate);
  registry.add({ plate, plateColor: 'yellow', vehicleType: 'H11', fuel: 'B',
    emissionStage: '6', stageEvidence: 'ENV_LIST' }, { now: world.clock });
}

describe('the outbox over random interleavings of writes, failures and restarts', () => {
  it('delivers every record exactly once, in order per plate', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 40 }), runDay),
      { numRuns: 40 },
    );
    expect(true).toBe(true);
  }, 120_000);
});
