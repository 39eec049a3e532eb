// Order under chaos, on a fake clock against the platform simulator: a truck's exit reaching
// the outbox before its entry, and a vehicle's registration that must reach the platform before
// its passages — delayed by a 5xx, or refused and fixed by the officer.
import { afterEach, describe, expect, it } from 'vitest';
import { VehicleRegistry } from '../../electron/ledger/vehicles.ts';
import { getOutboxRow, listOutbox } from '../../electron/sync/outbox.ts';
import { EXIT_AWAITS_ENTRY_MS } from '../../electron/sync/outbox-order.ts';
import { resendRejected } from '../../electron/sync/resend.ts';
import { syncStatus } from '../../electron/sync/status.ts';
import { enqueuePassage, passageFixture } from '../../electron/sync/test-support.ts';
import { expectDeliveredExactlyOnceInOrder, OutboxWorld } from './outbox-harness.ts';

const MINUTE = 60_000;

let world: OutboxWorld;
afterEach(async () => {
  await world.close();
});

/**
 * The lane writes a passage of `plate` that happened `agoMs` before now; a camera's offline
 * replay (a truck that passed while the lane could not reach the gate PC) is back-filled.
 */
function pass(plate: string, direction: 1 | 2, agoMs = 0, replayed = false): void {
  const message = { ...passageFixture({ plate, direction, passedAtMs: world.clock - agoMs }),
    backfill: replayed };
  enqueuePassage(world.db, message, world.clock);
}

/** What the platform stored of `plate`, in the order it stored it. */
const storedOf = (plate: string) => world.sim!.messages()
  .filter((m) => (m.data as { plate?: string }).plate === plate)
  .map((m) => (m.kind === 'passage' ? `passage-${(m.data as { direction: number }).direction}`
    : m.kind));

describe('order per plate under chaos', () => {
  it('delivers an entry replayed after its exit ahead of that exit', async () => {
    world = await OutboxWorld.start();

    // After a restart the exit camera replays first; the entry camera 40 s later.
    pass('冀D60001', 2, 10 * MINUTE, true);
    expect(await world.drainer.drainOnce()).toEqual({ sent: 0, acked: 0, failed: 0 });
    world.advance(40_000);
    pass('冀D60001', 1, 50 * MINUTE, true);
    await world.drainer.drainOnce();

    expect(storedOf('冀D60001')).toEqual(['passage-1', 'passage-2']);
    expectDeliveredExactlyOnceInOrder(world.db, world.sim!);
  });

  it('sends a replayed exit alone when its entry never comes', async () => {
    world = await OutboxWorld.start();
    pass('冀D60002', 2, 5 * MINUTE, true);

    await world.drainer.drainOnce();
    world.advance(EXIT_AWAITS_ENTRY_MS);
    await world.drainer.drainOnce();

    expect(storedOf('冀D60002')).toEqual(['passage-2']);
    expectDeliveredExactlyOnceInOrder(world.db, world.sim!);
  });

  it('puts an entry that arrives during an outage ahead of the exit waiting for the platform',
    async () => {
      world = await OutboxWorld.start();
      await world.platformDown();
      pass('冀D60003', 2);
      await world.drainer.drainOnce();

      world.advance(5 * MINUTE);
      pass('冀D60003', 1, 35 * MINUTE, true);
      await world.drainer.drainOnce();
      await world.platformUp();
      await world.drainToTheEnd();

      expect(storedOf('冀D60003')).toEqual(['passage-1', 'passage-2']);
      expectDeliveredExactlyOnceInOrder(world.db, world.sim!);
    });

  it('holds a lorry\'s passages until the platform has its registration', async () => {
    world = await OutboxWorld.start();
    const registry = new VehicleRegistry(world.db);
    registry.add({ plate: '冀E70001', plateColor: 'yellow', vehicleType: 'H11', fuel: 'B',
      emissionStage: '6', stageEvidence: 'ENV_LIST' }, { now: world.clock });
    world.advance(MINUTE);
    pass('冀E70001', 1);
    world.sim!.injectFaults({ failNext: 1 });

    expect(await world.drainer.drainOnce()).toEqual({ sent: 1, acked: 0, failed: 1 });
    expect(world.sim!.messages()).toEqual([]);
    world.advance(1_000);
    await world.drainer.drainOnce();

    expect(storedOf('冀E70001')).toEqual(['vehicle', 'passage-1']);
    expectDeliveredExactlyOnceInOrder(world.db, world.sim!);
  });

  it('shows a refused registration with the platform\'s reason until it is fixed and resent',
    async () => {
      world = await OutboxWorld.start();
      const registry = new VehicleRegistry(world.db);
      registry.add({ plate: '冀E70002', plateColor: 'yellow', vehicleType: 'H11', fuel: 'B',
        emissionStage: '6', stageEvidence: 'ENV_LIST', vin: 'LZZ1CLVB9' }, { now: world.clock });
      pass('冀E70002', 1);

      await world.drainer.drainOnce();

      const [refused] = listOutbox(world.db);
      const shown = syncStatus(world.db, world.clock, 10).rejections;
      expect(shown).toEqual([expect.objectContaining({ id: refused!.id, kind: 'vehicle',
        plate: '冀E70002', reason: expect.stringMatching(/^code 400: invalid vehicle: vin: /) })]);
      // A refusal does not strand the evidence behind it.
      expect(storedOf('冀E70002')).toEqual(['passage-1']);

      registry.update('冀E70002', 'yellow', { vin: 'LZZ1CLVB9JA000002' }, { now: world.clock });
      const resent = resendRejected(world.db, refused!.id, 'officer-li', world.clock);
      await world.drainToTheEnd();

      expect(resent).toMatchObject({ ok: true, rebuilt: true });
      expect(getOutboxRow(world.db, refused!.id)).toMatchObject({ state: 'rejected' });
      expect(syncStatus(world.db, world.clock, 10).rejections).toEqual([]);
      expect(storedOf('冀E70002')).toEqual(['passage-1', 'vehicle', 'vehicle']);
      expectDeliveredExactlyOnceInOrder(world.db, world.sim!);
    });
});
