// Every outbox kind, built from real ledger rows, through each of the three profiles to its
// simulator: the same canonical messages, three wire formats. A platform that does not take a
// kind (tcp-frames and fuel logs) leaves its rows waiting with the reason, never lost.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/database.ts';
import { DEMO_VEHICLES, demoSite } from '../../config/demo-site.ts';
import { Inventory } from '../../inventory/inventory.ts';
import { VehicleRegistry } from '../../ledger/vehicles.ts';
import { silentLogger } from '../../log/logger.ts';
import { startPlatformSim } from '../../sim/platform.ts';
import { startHttpTokenSim } from '../../sim/platform-http-token.ts';
import { startTcpFramesSim } from '../../sim/platform-tcp-frames.ts';
import type { StoredMessage } from '../../sim/platform-store.ts';
import { OutboxDrainer } from '../drainer.ts';
import { buildEnterpriseMessage } from '../messages/enterprise.ts';
import { buildFuelLogMessage } from '../messages/fuel-log.ts';
import { buildGateMessages } from '../messages/gate.ts';
import { subjectOf, type OutboxKind } from '../messages/kinds.ts';
import { machineryRows, transportVehicleRows } from '../messages/ledger-rows.ts';
import { buildMachineryMessage } from '../messages/machinery.ts';
import { buildTransportVehicleMessage } from '../messages/vehicle.ts';
import { enqueueOutbox, listOutbox } from '../outbox.ts';
import {
  cargoCorrectionFixture, enqueueCorrection, enqueuePassage, passageFixture, TEST_CREDENTIALS,
} from '../test-support.ts';
import { createPlatformProfile } from './create-profile.ts';

const T0 = Date.UTC(2025, 0, 15, 2, 0, 0);
const SITE = demoSite({
  lprPort: 0, apiPort: 0, lane1Barrier: { kind: 'camera-reply' },
  platformUrl: 'http://127.0.0.1:9', platformSecret: 'a-demo-secret-of-16+', rulesFile: 'x.json',
});
const heartbeat = async () => {
  throw new Error('not needed here');
};

let dir: string;
let db: Db;
let stops: Array<() => Promise<void>>;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-catalogue-'));
  db = openDatabase(join(dir, 'gatehouse.db'));
  stops = [];
  enqueueCatalogue();
});
afterEach(async () => {
  for (const stop of stops.reverse()) await stop();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function enqueue(kind: OutboxKind, message: object): void {
  const subjectId = subjectOf(kind, message as Record<string, unknown>);
  enqueueOutbox(db, { kind, subjectId, orderKey: `${kind}:${subjectId}`, payload: message,
    now: T0 });
}

/** One message of every outbox kind, from the site and from ledger rows. */
function enqueueCatalogue(): void {
  new VehicleRegistry(db).add(DEMO_VEHICLES[0]!, { now: T0, report: false });
  new Inventory(db).addMachinery({ envRegistrationCode: '豫A-L0001', machineType: 'loader',
    fuel: 'B', emissionStage: 'X', stageEvidence: 'MANUAL' }, T0);

  enqueue('enterprise', buildEnterpriseMessage(SITE, T0));
  enqueue('gate', buildGateMessages(SITE, T0)[0]!);
  enqueue('vehicle', buildTransportVehicleMessage(transportVehicleRows(db)[0]!));
  enqueue('machinery', buildMachineryMessage(machineryRows(db)[0]!));
  const passage = passageFixture({ plate: '豫A12345', direction: 1, passedAtMs: T0 });
  const passageMessageId = enqueuePassage(db, passage, T0);
  enqueueCorrection(db, cargoCorrectionFixture(passage, passageMessageId, T0), T0);
  enqueue('fuelLog', buildFuelLogMessage({ id: 'f-1', subjectKind: 'machinery',
    subjectCode: '豫A-L0001', filledAt: T0, kind: 'diesel', quantity: 120, unit: 'L',
    supplier: null, grade: '国六 0#', receiptPhoto: null, operator: 'officer' }, 'E1'));
}

async function deliverAll(profileName: 'reference' | 'http-token' | 'tcp-frames', url: string) {
  const settings = { profile: profileName, url, ...TEST_CREDENTIALS };
  const profile = createPlatformProfile(settings, { log: silentLogger(), heartbeat });
  stops.push(() => profile.close());
  const drainer = new OutboxDrainer({ db, platform: settings, profile, log: silentLogger(),
    now: () => T0 });
  return drainer.drainOnce();
}

const kinds = (messages: StoredMessage[]) => messages.map((m) => m.kind).sort();

describe('the canonical catalogue through every profile', () => {
  it('reference: all seven outbox kinds, our codes as they are', async () => {
    const sim = await startPlatformSim({ ...TEST_CREDENTIALS, log: silentLogger(), now: () => T0 });
    stops.push(() => sim.stop());

    // The correction waits behind its passage (one plate's queue) and goes once it is acked.
    expect(await deliverAll('reference', sim.url)).toEqual({ sent: 7, acked: 7, failed: 0 });
    expect(kinds(sim.messages())).toEqual(['enterprise', 'fuelLog', 'gate', 'machinery',
      'passage', 'passageCorrection', 'vehicle']);
  });

  it('http-token: all seven, in its codes', async () => {
    const sim = await startHttpTokenSim({ ...TEST_CREDENTIALS, log: silentLogger(),
      now: () => T0 });
    stops.push(() => sim.stop());

    expect(await deliverAll('http-token', sim.url)).toEqual({ sent: 7, acked: 7, failed: 0 });
    const vehicle = sim.messages().find((m) => m.kind === 'vehicle')!;
    expect(vehicle.data).toMatchObject({ plateColor: '1', fuel: 'B', changedAt:
      '2025-01-15 10:00:00' });
    expect(sim.messages().find((m) => m.kind === 'passageCorrection')!.data).toMatchObject({
      plateColor: '1', correctedAt: '2025-01-15 10:00:00',
      changes: { cargo: { name: '水泥熟料', quantity: 31.5, unit: 't' } } });
  });

  it('tcp-frames: six kinds; fuel logs wait, not lost, with the reason', async () => {
    // The link's login is stamped by the real clock; this simulator keeps the real one too.
    const sim = await startTcpFramesSim({ ...TEST_CREDENTIALS, log: silentLogger() });
    stops.push(() => sim.stop());

    expect(await deliverAll('tcp-frames', sim.url)).toEqual({ sent: 6, acked: 6, failed: 0 });
    expect(kinds(sim.messages())).toEqual(['enterprise', 'gate', 'machinery', 'passage',
      'passageCorrection', 'vehicle']);
    expect(sim.messages().find((m) => m.kind === 'machinery')!.data)
      .toMatchObject({ emissionStage: '无', fuel: '柴油' });
    expect(listOutbox(db).find((r) => r.kind === 'fuelLog')).toMatchObject({
      state: 'pending', lastError: 'retryable: no route for kind fuelLog' });
  });
});
