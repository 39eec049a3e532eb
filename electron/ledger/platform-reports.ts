// Every change to a registry record writes its message for the city platform (M3 vehicles, M4
// machinery, M8 fuel/urea logs) inside the transaction that changed the record, so the change
// and its report exist together or not at all (domain.md §1.7: the platform must see a change
// within 24 hours). A vehicle's message goes under its plate's order key, ahead of the plate's
// later passages.
import type { Db } from '../db/database.ts';
import { enqueueOutbox } from '../sync/outbox.ts';
import { passageOrderKey } from '../sync/passage-message.ts';
import { buildInPlantVehicleMessage, buildTransportVehicleMessage } from
  '../sync/messages/vehicle.ts';
import { buildMachineryMessage } from '../sync/messages/machinery.ts';
import { buildFuelLogMessage, type FuelLog } from '../sync/messages/fuel-log.ts';
import { inPlantVehicleRow, machineryRow, transportVehicleRow } from
  '../sync/messages/ledger-rows.ts';

const vanished = (what: string, id: number) =>
  new Error(`${what} ${id} vanished inside its own transaction`);

export function reportTransportVehicle(db: Db, id: number, now: number): void {
  const row = transportVehicleRow(db, id);
  if (!row) throw vanished('vehicle', id);

  const message = buildTransportVehicleMessage(row);
  enqueueOutbox(db, { kind: 'vehicle', subjectId: message.vehicleKey,
    orderKey: passageOrderKey(row.plate, row.plateColor), payload: message, now });
}

export function reportInPlantVehicle(db: Db, id: number, now: number): void {
  const row = inPlantVehicleRow(db, id);
  if (!row) throw vanished('in-plant vehicle', id);

  const message = buildInPlantVehicleMessage(row);
  enqueueOutbox(db, { kind: 'vehicle', subjectId: message.vehicleKey,
    orderKey: message.vehicleKey, payload: message, now });
}

export function reportMachinery(db: Db, id: number, now: number): void {
  const row = machineryRow(db, id);
  if (!row) throw vanished('machine', id);

  const message = buildMachineryMessage(row);
  enqueueOutbox(db, { kind: 'machinery', subjectId: message.envRegistrationCode,
    orderKey: `machinery:${message.envRegistrationCode}`, payload: message, now });
}

/** Fuel and urea entries (not maintenance) go up as M8; the subject's own key orders them. */
export function reportFuelLog(db: Db, log: FuelLog, enterpriseCode: string, now: number): void {
  const message = buildFuelLogMessage(log, enterpriseCode);
  enqueueOutbox(db, { kind: 'fuelLog', subjectId: message.logId,
    orderKey: `${log.subjectKind}:${log.subjectCode}`, payload: message, now,
    occurredAt: log.filledAt });
}
