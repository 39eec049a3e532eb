// What the gate last heard from the city platform: when it last answered, acknowledged or
// answered a heartbeat (and what the last heartbeat came to), and how far its clock is from
// ours. The drainer and the profile's heartbeats observe; the sync status page reads the
// `sync_link` row, so it survives a restart and needs no wiring.
import type { Db } from '../db/database.ts';
import type { HeartbeatOutcome } from './profiles/heartbeat-loop.ts';

/**
 * Observations reach the disk at most this often (and when the drainer stops): one more fsync
 * per acknowledged passage would halve a backlog's pace for a page that shows minutes.
 */
export const LINK_WRITE_INTERVAL_MS = 10_000;

export interface SyncLinkView {
  lastContactAt: number | null;
  lastAckAt: number | null;
  lastHeartbeatAt: number | null;
  /** When the last heartbeat was sent, and why it failed (null when it was answered). */
  lastHeartbeatSentAt: number | null;
  lastHeartbeatError: string | null;
  /** The platform's clock minus ours (ms); positive when the platform is ahead. */
  clockOffsetMs: number | null;
  clockMeasuredAt: number | null;
}

interface RawLink {
  last_contact_at: number | null;
  last_ack_at: number | null;
  last_heartbeat_at: number | null;
  last_heartbeat_sent_at: number | null;
  last_heartbeat_error: string | null;
  clock_offset_ms: number | null;
  clock_measured_at: number | null;
}

export class SyncLink {
  private readonly db: Db;
  private state: SyncLinkView;
  private dirty = false;
  private writtenAt = Number.NEGATIVE_INFINITY;

  constructor(db: Db) {
    this.db = db;
    this.state = readSyncLink(db);
  }

  view(): SyncLinkView {
    return { ...this.state };
  }

  /** The platform answered in its own words (an acknowledgement, a refusal, an auth failure). */
  contact(at: number): void {
    this.note({ lastContactAt: at }, at);
  }

  acknowledged(at: number): void {
    this.note({ lastContactAt: at, lastAckAt: at }, at);
  }

  /**
   * What a heartbeat (M7) came to. Written at once: one write a heartbeat interval is nothing,
   * and the page should not show a heartbeat older than the one just answered.
   */
  heartbeat(outcome: HeartbeatOutcome): void {
    if (outcome.ok) {
      this.note({ lastContactAt: outcome.answeredAt, lastHeartbeatAt: outcome.answeredAt,
        lastHeartbeatSentAt: outcome.sentAt, lastHeartbeatError: null }, outcome.answeredAt);
      if (outcome.platformTime !== undefined) {
        this.clock(outcome.platformTime, outcome.sentAt, outcome.answeredAt);
      }
    } else {
      this.note({ lastHeartbeatSentAt: outcome.sentAt, lastHeartbeatError: outcome.reason },
        outcome.sentAt);
    }
    this.flush();
  }

  /**
   * The platform stated its time (`platformTime`) in an answer to a request sent at `sentAt`
   * and received at `receivedAt`, both on our clock: its reading belongs to their midpoint.
   */
  clock(platformTime: number, sentAt: number, receivedAt: number): void {
    const offset = Math.round(platformTime - (sentAt + receivedAt) / 2);
    this.note({ clockOffsetMs: offset, clockMeasuredAt: receivedAt }, receivedAt);
  }

  /** Writes what changed since the last write, however recent that was. */
  flush(): void {
    if (!this.dirty) return;

    this.db.prepare(
      `UPDATE sync_link SET last_contact_at = ?, last_ack_at = ?, last_heartbeat_at = ?,
         last_heartbeat_sent_at = ?, last_heartbeat_error = ?,
         clock_offset_ms = ?, clock_measured_at = ?
       WHERE id = 1`,
    ).run(this.state.lastContactAt, this.state.lastAckAt, this.state.lastHeartbeatAt,
      this.state.lastHeartbeatSentAt, this.state.lastHeartbeatError,
      this.state.clockOffsetMs, this.state.clockMeasuredAt);
    this.dirty = false;
  }

  /** Writes when the last write is old enough; the drainer calls this after each pass. */
  maybeFlush(now: number): void {
    if (!this.dirty || now - this.writtenAt < LINK_WRITE_INTERVAL_MS) return;

    this.flush();
    this.writtenAt = now;
  }

  private note(change: Partial<SyncLinkView>, at: number): void {
    this.state = { ...this.state, ...change };
    this.dirty = true;
    this.maybeFlush(at);
  }
}

export function readSyncLink(db: Db): SyncLinkView {
  const row = db.prepare('SELECT * FROM sync_link WHERE id = 1').get() as RawLink | undefined;
  return {
    lastContactAt: row?.last_contact_at ?? null,
    lastAckAt: row?.last_ack_at ?? null,
    lastHeartbeatAt: row?.last_heartbeat_at ?? null,
    lastHeartbeatSentAt: row?.last_heartbeat_sent_at ?? null,
    lastHeartbeatError: row?.last_heartbeat_error ?? null,
    clockOffsetMs: row?.clock_offset_ms ?? null,
    clockMeasuredAt: row?.clock_measured_at ?? null,
  };
}
