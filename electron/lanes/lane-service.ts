// A lane turns a plate read into a decision, evidence and a barrier command, in that order.
// The passage, its photos, its outbox row and its audit row commit in one transaction BEFORE
// the barrier is commanded or the camera is answered: no vehicle passes without a ledger row.
// The barrier's outcome is written after, as its own row.
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database.ts';
import type { LaneView } from '../api/contract.ts';
import type { CameraConfig, LaneConfig, SiteConfig } from '../config/site.ts';
import type { LaneVerdict, PlateRead, ReadOrigin } from '../devices/lpr/plate-read.ts';
import type { BarrierDriver, BarrierResult } from '../devices/barrier/barrier.ts';
import type { BarrierFailure } from '../api/contract/barrier-failures.ts';
import type { Logger } from '../log/logger.ts';
import type { MediaStore } from '../media/store.ts';
import type { RuleBook } from '../rules/rule-table.ts';
import {
  EXEMPTION_CLASSES, type DecisionInput, type ExemptionClass,
} from '../rules/decision-types.ts';
import type { LaneConditions } from '../alerts/site-conditions.ts';
import { controlStateLabel, decide } from '../rules/decide.ts';
import { writeAudit } from '../db/audit.ts';
import {
  VehicleRegistry, type RegisteredVehicle, type VehicleMatch,
} from '../ledger/vehicles.ts';
import {
  insertPassage, passageByVendorEvent, recentPassageOfPlate, recordBarrierEvent,
  type NewPassage, type PassagePhoto,
} from '../ledger/passages.ts';
import { vehicleFleet } from '../sync/messages/ledger-rows.ts';
import { passageMessage, passageOutboxKey } from './passage-message.ts';
import { LaneEvents } from './lane-events.ts';
import { barredDecision, registryBar } from './registry-bar.ts';

/**
 * A camera reads the same waiting truck again and again; reads of one plate on one lane within
 * this window (and without a vendor event id) are one passage. 20 s is what gate integrations use.
 */
export const DEDUPE_WINDOW_MS = 20_000;

/**
 * A resend or offline replay of one event carries that event's capture time (or, from a camera
 * whose clock is implausible, its arrival a few seconds later). Camera counters restart after
 * a reboot (a Vzenith plateid begins again), so an id is the same event only near that time.
 */
export const EVENT_ID_WINDOW_MS = 10 * 60_000;

interface LaneBarrierState {
  barrier: LaneView['barrierState'];
  error: string | null;
  failure: BarrierFailure | null;
}

/** What an open came to, for the guard's dialog: the kind it words and the driver's detail. */
export type OpenOutcome = { opened: boolean; error: string | null;
  failure: BarrierFailure | null };

const outcomeOf = (result: BarrierResult): OpenOutcome => result.ok
  ? { opened: true, error: null, failure: null }
  : { opened: false, error: result.error, failure: result.failure ?? 'other' };

export interface LaneServiceDeps {
  db: Db;
  site: SiteConfig;
  rules: RuleBook;
  media: MediaStore;
  barriers: Map<string, BarrierDriver>;
  events: LaneEvents;
  enqueueOutbox: (db: Db, row: { kind: string; subjectId: string; orderKey: string;
    payload: unknown; now: number }) => string;
  log: Logger;
  /** The alert in force and the cap's counters (electron/alerts); none: every read is 'normal'. */
  conditions?: LaneConditions;
}

export class LaneService {
  private readonly deps: LaneServiceDeps;
  private readonly registry: VehicleRegistry;
  private readonly laneByCamera = new Map<string, LaneConfig>();
  private readonly state = new Map<string, LaneBarrierState>();
  /** Settles when the lane's latest read is handled; the next read of the lane waits for it. */
  private readonly turns = new Map<string, Promise<unknown>>();

  constructor(deps: LaneServiceDeps) {
    this.deps = deps;
    this.registry = new VehicleRegistry(deps.db);
    for (const lane of deps.site.lanes) {
      this.laneByCamera.set(lane.cameraId, lane);
      this.state.set(lane.id, { barrier: 'idle', error: null, failure: null });
    }
  }

  async handleRead(
    read: PlateRead, camera: CameraConfig, origin: ReadOrigin = 'camera',
  ): Promise<LaneVerdict> {
    const lane = this.laneByCamera.get(camera.id);
    if (!lane) throw new Error(`camera ${camera.id} serves no lane`);

    // One read at a time per lane: the dedupe check and the passage it guards must not
    // interleave with another read of the same truck (a camera pushing one event twice), or one
    // truck becomes two passages, or a failed duplicate whose cleanup takes the photos with it.
    const turn = (this.turns.get(lane.id) ?? Promise.resolve()).then(() =>
      this.recordRead(read, lane, origin === 'test-push'));
    this.turns.set(lane.id, turn.catch(() => undefined));
    return turn;
  }

  private async recordRead(
    read: PlateRead, lane: LaneConfig, testPush: boolean,
  ): Promise<LaneVerdict> {
    const log = this.deps.log.child(testPush ? { lane: lane.id, plate: read.plate, testPush }
      : { lane: lane.id, plate: read.plate });

    const prior = this.findPrior(lane, read, testPush);
    if (prior) {
      log.info({ passage: prior.id }, 'repeated read of a recorded passage; no new passage');
      return { open: this.mayOpen(prior.decision, read) && lane.barrier.kind === 'camera-reply',
        passageId: prior.id };
    }

    const photos = await this.storePhotos(read, log);

    // From here to the commit nothing awaits: the cap's counters, the decision and the passage
    // that counts toward them happen in one turn of the event loop, so two lanes deciding at
    // the same moment cannot both take the last trip under the cap.
    const match = this.registry.match(read.plate, read.plateColor);
    const vehicle = match.kind === 'none' ? null : match.vehicle;
    const table = this.deps.rules.versionAt(read.capturedAt, (err) =>
      log.error({ err }, 'rule table edit rejected'));
    const input = this.decisionInput(read, lane, vehicle);
    const barred = vehicle && lane.direction === 'in'
      ? registryBar(vehicle, lane.id, read.capturedAt) : null;
    const decision = barred ? barredDecision(table, input, barred) : decide(table, input);
    const passage = this.buildPassage(lane, read, match, decision, testPush);
    await this.commit(passage, photos.rows, log, photos.created);

    log.info({ passage: passage.id, decision: decision.decision, reason: decision.reasonCode },
      'passage recorded');
    this.deps.events.passageCreated(passage.id);

    const open = this.mayOpen(decision.decision, read);
    if (!open) return { open: false, passageId: passage.id };

    // The installer's test push is answered to this PC, not to the camera, so an opening reply
    // moves nothing: the lane's driver opens instead, in the reply to the camera's next
    // heartbeat where its vendor takes one (barrier/heartbeat-opens.ts), as a guard's open does.
    if (lane.barrier.kind === 'camera-reply' && !testPush) {
      this.recordOutcome(lane, passage.id, 'decision', 'camera-reply', { ok: true });
      return { open: true, passageId: passage.id };
    }
    void this.commandBarrier(lane, passage.id, 'decision');
    return { open: false, passageId: passage.id };
  }

  /** A guard opens a lane's barrier by hand; the reason and the outcome are audited. */
  async manualOpen(laneId: string, reason: string, actor: string): Promise<OpenOutcome> {
    const lane = this.deps.site.lanes.find((l) => l.id === laneId);
    if (!lane) return { opened: false, error: `no lane ${laneId}`, failure: 'other' };

    writeAudit(this.deps.db, { actor, action: 'barrier.manual-open', subject: laneId,
      detail: { reason } });
    return outcomeOf(await this.commandBarrier(lane, null, 'manual', actor, reason));
  }

  /** Opens the lane of a denied passage whose override was just written (override-denial.ts). */
  async openForOverride(passageId: string, actor: string, reason: string):
    Promise<OpenOutcome> {
    const row = this.deps.db.prepare('SELECT lane_id FROM passages WHERE id = ?').get(passageId) as
      | { lane_id: string } | undefined;
    const lane = this.deps.site.lanes.find((l) => l.id === row?.lane_id);
    if (!lane) {
      return { opened: false, error: `passage ${passageId} is on no configured lane`,
        failure: 'other' };
    }

    return outcomeOf(await this.commandBarrier(lane, passageId, 'manual', actor, reason));
  }

  laneViews(): LaneView[] {
    const control = this.deps.conditions?.controlStateNow();
    const controlState = control ? controlStateLabel(control) : 'normal';
    return this.deps.site.lanes.map((l) => {
      const s = this.state.get(l.id)!;
      return {
        id: l.id, name: l.name, nameEn: l.nameEn, direction: l.direction, cameraId: l.cameraId,
        barrierKind: l.barrier.kind, barrierState: s.barrier, barrierError: s.error,
        barrierFailure: s.failure,
        controlState,
      };
    });
  }

  /** The facts of one read; the alert and the counters are those at the moment of the read. */
  private decisionInput(
    read: PlateRead, lane: LaneConfig, vehicle: RegisteredVehicle | null,
  ): DecisionInput {
    const { enterprise } = this.deps.site;
    return {
      at: read.capturedAt,
      enterprise: { region: enterprise.regionCode, industry: enterprise.industry,
        performanceLevel: enterprise.performanceLevel },
      control: this.deps.conditions?.controlStateAt(read.capturedAt)
        ?? { level: 'none', response: null, alertId: null },
      vehicle: vehicle && {
        category: 'transport', vehicleType: vehicle.vehicleType, fuel: vehicle.fuel,
        emissionStage: vehicle.emissionStage, stageEvidence: vehicle.stageEvidence,
        obdOnline: vehicle.obdOnline, exemptionClass: exemptionOf(vehicle.exemptionClass),
      },
      direction: lane.direction,
      counters: this.deps.conditions?.capCounters(read.capturedAt)
        ?? { baselinePerDay: null, admittedToday: 0 },
    };
  }

  private mayOpen(decision: string, read: PlateRead): boolean {
    // An offline replay reports a truck that already passed while we were unreachable.
    return decision !== 'deny' && !read.isOfflineReplay;
  }

  private findPrior(
    lane: LaneConfig, read: PlateRead, testPush: boolean,
  ): { id: string; decision: string } | null {
    if (read.vendorEventId) {
      return passageByVendorEvent(this.deps.db, read.cameraId, read.vendorEventId,
        read.capturedAt - EVENT_ID_WINDOW_MS, read.capturedAt + EVENT_ID_WINDOW_MS, testPush);
    }
    return recentPassageOfPlate(this.deps.db, lane.id, read.plate,
      read.capturedAt - DEDUPE_WINDOW_MS, testPush);
  }

  private buildPassage(
    lane: LaneConfig, read: PlateRead, match: VehicleMatch, d: ReturnType<typeof decide>,
    testPush: boolean,
  ): NewPassage {
    const vehicle = match.kind === 'none' ? null : match.vehicle;
    return {
      id: randomUUID(),
      laneId: lane.id,
      gateId: lane.gateId,
      cameraId: read.cameraId,
      direction: lane.direction,
      plate: read.plate,
      plateColor: vehicle?.plateColor ?? read.plateColor,
      readPlateColor: read.plateColor,
      colorMismatch: match.kind === 'plate-only',
      recognitionMode: 'auto',
      confidence: read.confidence,
      vendorEventId: read.vendorEventId,
      offlineReplay: read.isOfflineReplay,
      vehicleId: vehicle?.id ?? null,
      emissionStage: vehicle?.emissionStage ?? null,
      fuel: vehicle?.fuel ?? null,
      decision: d.decision,
      reasonCode: d.reasonCode,
      reasonZh: d.reasonZh,
      reasonEn: d.reasonEn,
      ruleVersion: d.ruleVersion,
      controlState: d.controlState,
      capturedAt: read.capturedAt,
      createdAt: Date.now(),
      testPush,
    };
  }

  private async storePhotos(read: PlateRead, log: Logger): Promise<{ rows: PassagePhoto[];
    created: PassagePhoto[] }> {
    const rows: PassagePhoto[] = [];
    const created: PassagePhoto[] = [];
    for (const image of read.images) {
      const put = await this.deps.media.put(image.bytes, image.mime);
      const row = { kind: image.kind, sha256: put.sha256, mime: image.mime,
        bytes: image.bytes.length };
      rows.push(row);
      if (put.created) created.push(row);
    }
    log.debug({ photos: rows.length }, 'photos stored');
    return { rows, created };
  }

  private async commit(
    p: NewPassage, photos: PassagePhoto[], log: Logger, created: PassagePhoto[],
  ): Promise<void> {
    const { db } = this.deps;
    // A test passage gets no outbox row: it is no message for the platform, and a row that is
    // never to be sent could never be acknowledged, so it would stay pending for good and hold
    // back the plate's real passages behind it (docs/decisions.md, "the test mark").
    const write = db.transaction(() => {
      insertPassage(db, p, photos);
      if (!p.testPush) {
        this.deps.enqueueOutbox(db, {
          kind: 'passage',
          subjectId: p.id,
          orderKey: passageOutboxKey(p),
          payload: passageMessage(this.deps.site, p, photos, vehicleFleet(db, p.vehicleId)),
          now: p.createdAt,
        });
      }
      const detail = { plate: p.plate, decision: p.decision, reason: p.reasonCode };
      writeAudit(db, { actor: `lane:${p.laneId}`, action: 'passage.recorded', subject: p.id,
        detail: p.testPush ? { ...detail, testPush: true } : detail, at: p.createdAt });
    });

    try {
      write();
    } catch (err) {
      // The photos this read created belong to no row now; remove them (before the caller
      // hears of the failure) so none is orphaned.
      for (const f of created) {
        await this.deps.media.discard(f.sha256, f.mime).catch((e: unknown) =>
          log.warn({ err: e, sha256: f.sha256 }, 'orphan photo could not be removed'));
      }
      log.error({ err }, 'passage could not be written');
      throw err;
    }
    if (!p.testPush) this.deps.events.outboxChanged();
  }

  private async commandBarrier(
    lane: LaneConfig, passageId: string | null, trigger: 'decision' | 'manual',
    actor?: string, reason?: string,
  ): Promise<BarrierResult> {
    const driver = this.deps.barriers.get(lane.id);
    if (!driver) {
      const result = { ok: false as const, error: `lane ${lane.id} has no barrier driver`,
        failure: 'other' as const };
      this.recordOutcome(lane, passageId, trigger, lane.barrier.kind, result, actor, reason);
      return result;
    }

    this.state.set(lane.id, { barrier: 'opening', error: null, failure: null });
    const result = await driver.open();
    this.recordOutcome(lane, passageId, trigger, driver.kind, result, actor, reason);
    return result;
  }

  private recordOutcome(
    lane: LaneConfig, passageId: string | null, trigger: 'decision' | 'manual', path: string,
    result: BarrierResult, actor?: string, reason?: string,
  ): void {
    const { error, failure } = outcomeOf(result);
    const at = Date.now();
    recordBarrierEvent(this.deps.db, { laneId: lane.id, passageId, trigger, path, ok: result.ok,
      error, failure, actor, reason, at });

    this.state.set(lane.id, { barrier: result.ok ? 'idle' : 'error', error, failure });
    if (!result.ok) this.deps.log.error({ lane: lane.id, passage: passageId, error, failure },
      'barrier command failed');
    this.deps.events.barrierChanged({ laneId: lane.id, passageId,
      state: result.ok ? 'opened' : 'failed', error, failure, at });
  }
}

/** The registry's exemption class, if it is one the rules know. */
function exemptionOf(value: string | null): ExemptionClass | null {
  return (EXEMPTION_CLASSES as readonly string[]).includes(value ?? '')
    ? (value as ExemptionClass) : null;
}
