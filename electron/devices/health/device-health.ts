// Whether each device of the gate is up: when it was last seen and since when it is online or
// offline. Cameras are seen when they push (reads and heartbeats), barriers when a command or a
// probe gets an answer, recorders when a segment is indexed. A device not seen within its
// allowance, or whose last exchange failed, is offline. Every transition is logged for the
// person on site and stored (device_transitions): it explains a gap in the ledger afterwards.
import type { Db } from '../../db/database.ts';
import type { Logger } from '../../log/logger.ts';
import { silenceReason, type DeviceFailure } from '../../api/contract/device-calls.ts';

export type DeviceKind = 'camera' | 'barrier' | 'recorder' | 'display';
export type DeviceState = 'online' | 'offline' | 'unknown';

export interface DeviceSpec {
  /** Unique across kinds: `camera:cam-1`, `barrier:lane-1`, `recorder:cam-1`. */
  id: string;
  kind: DeviceKind;
  /** The configured camera or lane this device belongs to. */
  subject: string;
  /** That camera's or lane's name as the installer gave it (1号车道抓拍机). */
  name: string;
  /**
   * How long the device may stay silent and still count as online; null when silence says
   * nothing (a camera without heartbeats is silent whenever no truck comes).
   */
  silentForMs: number | null;
}

export interface DeviceHealthView {
  id: string;
  kind: DeviceKind;
  subject: string;
  name: string;
  state: DeviceState;
  lastSeenAt: number | null;
  /** When the current state began; null while unknown. */
  since: number | null;
  /** Why it is offline, in words. */
  reason: string | null;
  /** Why it is offline, as a kind the page words in the guard's language. */
  failure: DeviceFailure | null;
}

interface Entry extends DeviceHealthView {
  silentForMs: number | null;
  /** lastSeenAt moved since it was stored. */
  dirty: boolean;
  registeredAt: number;
}

export interface DeviceHealthOptions {
  db: Db;
  log: Logger;
  now?: () => number;
  /** Called after every transition, with the full list. */
  onChange?: (views: DeviceHealthView[]) => void;
}

export class DeviceHealth {
  private readonly db: Db;
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly onChange: (views: DeviceHealthView[]) => void;
  private readonly entries = new Map<string, Entry>();

  constructor(options: DeviceHealthOptions) {
    this.db = options.db;
    this.log = options.log;
    this.now = options.now ?? Date.now;
    this.onChange = options.onChange ?? (() => undefined);
  }

  /** Adds a device; what the database remembers of it (last seen, state) is taken over. */
  register(spec: DeviceSpec): void {
    const row = this.db.prepare(
      `SELECT state, last_seen_at, changed_at, reason, failure FROM device_health
       WHERE device_id = ?`,
    ).get(spec.id) as { state: 'online' | 'offline'; last_seen_at: number | null;
      changed_at: number; reason: string | null; failure: DeviceFailure | null } | undefined;

    this.entries.set(spec.id, {
      ...spec,
      state: row?.state ?? 'unknown',
      lastSeenAt: row?.last_seen_at ?? null,
      since: row?.changed_at ?? null,
      reason: row?.reason ?? null,
      failure: row?.failure ?? null,
      dirty: false,
      registeredAt: this.now(),
    });
  }

  /**
   * The device answered or pushed: it is online. Called on the push-to-reply path, so a plain
   * sighting only touches memory; the sweep stores it (a transition is stored at once).
   */
  seen(id: string, at = this.now()): void {
    const entry = this.entries.get(id);
    if (!entry) return;

    entry.lastSeenAt = Math.max(entry.lastSeenAt ?? 0, at);
    entry.dirty = true;
    if (entry.state !== 'online') this.transition(entry, 'online', null, null, at);
  }

  /** The device failed an exchange (no answer, port gone): offline now, not after a wait. */
  failed(id: string, reason: string, failure: DeviceFailure = 'other', at = this.now()): void {
    const entry = this.entries.get(id);
    if (!entry || (entry.state === 'offline' && entry.reason === reason)) return;
    this.transition(entry, 'offline', reason, failure, at);
  }

  /** Marks devices offline that have been silent longer than they may be; stores sightings. */
  sweep(at = this.now()): void {
    const dirty = [...this.entries.values()].filter((e) => e.dirty);
    this.db.transaction(() => dirty.forEach((e) => this.store(e)))();

    for (const entry of this.entries.values()) {
      if (entry.state === 'offline' || entry.silentForMs === null) continue;
      // A device never heard of since the start is judged from the start.
      const silent = at - (entry.lastSeenAt ?? entry.registeredAt);
      if (silent <= entry.silentForMs) continue;
      const seconds = Math.round(silent / 1000);
      this.transition(entry, 'offline', silenceReason(seconds), 'silent', at);
    }
  }

  /** Lets silence judge a device from now on (a camera that turned out to send heartbeats). */
  expectEvery(id: string, silentForMs: number): void {
    const entry = this.entries.get(id);
    if (entry) entry.silentForMs = silentForMs;
  }

  views(): DeviceHealthView[] {
    return [...this.entries.values()].map(
      ({ silentForMs: _s, dirty: _d, registeredAt: _r, ...view }) => view);
  }

  private transition(entry: Entry, state: 'online' | 'offline', reason: string | null,
    failure: DeviceFailure | null, at: number): void {
    const was = entry.state;
    entry.state = state;
    entry.since = at;
    entry.reason = reason;
    entry.failure = failure;

    // Health is reported from the lanes' own paths (a barrier open, a push): a failed write is
    // logged, never thrown into them. The state in memory stands; the next transition stores.
    try {
      this.db.transaction(() => {
        this.store(entry);
        this.db.prepare(`INSERT INTO device_transitions (device_id, kind, state, at, reason,
          failure) VALUES (?, ?, ?, ?, ?, ?)`).run(entry.id, entry.kind, state, at, reason,
          failure);
      })();
    } catch (err) {
      this.log.error({ err, device: entry.id }, 'device transition not stored');
    }

    const fields = { device: entry.id, kind: entry.kind, subject: entry.subject, was };
    if (state === 'offline') this.log.warn({ ...fields, reason, failure }, 'device offline');
    else this.log.info(fields, 'device online');
    this.onChange(this.views());
  }

  private store(entry: Entry): void {
    entry.dirty = false;
    if (entry.state === 'unknown') return;
    this.db.prepare(`INSERT INTO device_health
        (device_id, kind, state, last_seen_at, changed_at, reason, failure)
        VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (device_id) DO UPDATE SET state = excluded.state,
        last_seen_at = excluded.last_seen_at, changed_at = excluded.changed_at,
        reason = excluded.reason, failure = excluded.failure`)
      .run(entry.id, entry.kind, entry.state, entry.lastSeenAt, entry.since ?? 0, entry.reason,
        entry.failure);
  }
}
