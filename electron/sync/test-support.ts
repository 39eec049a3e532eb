// Shared by the sync and platform-simulator tests: gate credentials and canonical passages
// shaped the way the lane writes them into the outbox.
import { createHash } from 'node:crypto';
import type { Db } from '../db/database.ts';
import { VIDEO_AFTER_MS, VIDEO_BEFORE_MS } from '../lanes/passage-message.ts';
import { enqueueOutbox } from './outbox.ts';
import { formatPassedAt, passageOrderKey, type PassageMessage } from './passage-message.ts';
import {
  buildCargoCorrection, type PassageCorrectionMessage,
} from './messages/passage-correction.ts';

export const TEST_CREDENTIALS = {
  appId: 'gatehouse-test-gate',
  secret: 'a-shared-secret-for-tests-0123456789',
};

export interface PassageFixture {
  plate: string;
  direction: 1 | 2;
  passedAtMs: number;
  plateColor?: string;
}

export function passageFixture(f: PassageFixture): PassageMessage {
  const passageId = `${f.plate}-${f.direction === 1 ? 'in' : 'out'}-${f.passedAtMs}`;
  return {
    passageId,
    enterpriseCode: 'E130100000001',
    gateId: 'gate-north',
    laneId: f.direction === 1 ? 'north-in' : 'north-out',
    direction: f.direction,
    passedAt: formatPassedAt(f.passedAtMs),
    plate: f.plate,
    plateColor: f.plateColor ?? 'yellow',
    decision: 'allow',
    reasonCode: 'STAGE_OK',
    emissionStage: '6',
    fuel: 'diesel',
    controlState: 'orange',
    backfill: false,
    photos: [createHash('sha256').update(passageId).digest('hex')],
    recognitionMode: 'auto',
    category: 'transport',
    reasonText: '国六排放，放行',
    fleet: '冀中干线运输',
    cargo: null,
    videoRef: {
      cameraId: 'cam-north-record',
      from: formatPassedAt(f.passedAtMs - VIDEO_BEFORE_MS),
      to: formatPassedAt(f.passedAtMs + VIDEO_AFTER_MS),
    },
  };
}

/** Writes one passage message into the outbox in its own transaction, as the lane does. */
export function enqueuePassage(db: Db, message: PassageMessage, now: number): string {
  const write = db.transaction(() =>
    enqueueOutbox(db, {
      kind: 'passage',
      subjectId: message.passageId,
      orderKey: passageOrderKey(message.plate, message.plateColor),
      payload: message,
      now,
    }),
  );
  return write();
}

/** An officer's cargo entry for a queued passage: 31.5 t of clinker, recorded at `at`. */
export function cargoCorrectionFixture(
  passage: PassageMessage, passageMessageId: string | null, at: number,
): PassageCorrectionMessage {
  return buildCargoCorrection(
    { passageId: passage.passageId, messageId: passageMessageId, plate: passage.plate,
      plateColor: passage.plateColor },
    { id: 1, cargoName: '水泥熟料', tonnage: 31.5, enteredBy: 'officer-wang', at, reason: '' },
    null, passage.enterpriseCode);
}

/** Queues a correction behind its passage, under the passage's plate, as the ledger does. */
export function enqueueCorrection(db: Db, message: PassageCorrectionMessage, now: number):
string {
  return enqueueOutbox(db, { kind: 'passageCorrection', subjectId: message.passageId,
    orderKey: passageOrderKey(message.plate, message.plateColor), payload: message, now });
}

/** Entry then exit of `trucks` yellow-plate trucks, one plate after the other. */
export function enqueueTrucks(db: Db, trucks: number, now: number, first = 0): string[] {
  const ids: string[] = [];
  for (let i = first; i < first + trucks; i++) {
    const plate = `冀A${String(10000 + i)}`;
    ids.push(enqueuePassage(db, passageFixture({ plate, direction: 1, passedAtMs: now }), now));
    ids.push(enqueuePassage(db, passageFixture({ plate, direction: 2, passedAtMs: now }), now));
  }
  return ids;
}
