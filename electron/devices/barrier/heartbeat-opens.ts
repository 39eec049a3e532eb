// A guard's manual open on a lane whose barrier hangs on the LPR camera's own relay. We cannot
// call that camera: it calls us. Two vendors run commands carried in our reply to a heartbeat:
// Vzenith with its heartbeat set to comet (it polls every few seconds), and Huaxia, whose
// `type=heartbeat` reply may carry the same `gpio_data` as a read's. So a manual open waits here
// for the camera's next heartbeat, rides that one reply as a pulse, and is gone. Whatever the
// camera sends after (a duplicate heartbeat, an offline replay, a read) finds nothing waiting:
// one open, at most one pulse. An open the camera never asks for expires with an error the guard
// reads.
// TODO(#3): a Vzenith camera whose heartbeat is set to normal sends the same heartbeat object
// and ignores the commands in our reply; we cannot tell it from a comet one, so an open sent to
// it is reported as sent. The installer must set comet mode (docs/decisions.md).
import type { LprVendorName } from '../lpr/plate-read.ts';
import type { BarrierResult } from './barrier.ts';

/**
 * How long a queued open waits for the camera to ask. A Vzenith comet camera polls every few
 * seconds, so this is several polls; Huaxia's heartbeat interval is not in our reference, and an
 * open that outlives this wait fails rather than lifting the boom long after the guard asked. It
 * stays under the UI's 15 s call timeout so the guard hears the outcome in the dialog, not as a
 * timeout.
 */
export const HEARTBEAT_OPEN_EXPIRY_MS = 10_000;

/**
 * The pulse an open becomes: IO output 0 for 500 ms, the output and pulse length of Vzenith's
 * own IO-control examples. A Huaxia reply names no length: it switches io1 on, as a read's open
 * does, and the camera pulses as configured. Sites that wire the barrier to another output are
 * TODO(#3).
 */
export const OPEN_PULSE: OpenPulse = { io: 0, delayMs: 500 };

export interface OpenPulse {
  io: number;
  delayMs: number;
}

/** The waiting opens of one camera, taken for the reply to its heartbeat. */
export interface HeartbeatDelivery {
  pulse: OpenPulse;
  /** Called when the reply carrying the pulse went out (ok) or was lost; later calls do nothing. */
  settle(result: BarrierResult): void;
}

interface Waiting {
  resolve: (result: BarrierResult) => void;
  timer: NodeJS.Timeout;
}

export class HeartbeatOpens {
  private readonly waiting = new Map<string, Waiting[]>();
  private readonly expiryMs: number;
  private closed = false;

  constructor(options: { expiryMs?: number } = {}) {
    this.expiryMs = options.expiryMs ?? HEARTBEAT_OPEN_EXPIRY_MS;
  }

  /**
   * Queues an open for the camera's next heartbeat. Resolves once the reply carrying it went
   * out, or with an error when the camera did not ask in time (worded for its vendor). Opens
   * that wait together (a guard pressing twice) leave as one pulse.
   */
  request(cameraId: string, vendor: LprVendorName): Promise<BarrierResult> {
    if (this.closed) return Promise.resolve({ ok: false, error: STOPPING, failure: 'stopped' });

    return new Promise((resolve) => {
      const entry: Waiting = {
        resolve,
        timer: setTimeout(() => this.expire(cameraId, entry, vendor), this.expiryMs),
      };
      this.waiting.set(cameraId, [...(this.waiting.get(cameraId) ?? []), entry]);
    });
  }

  /** The pulse for the reply to this camera's heartbeat, or null when no open waits. */
  take(cameraId: string): HeartbeatDelivery | null {
    const list = this.waiting.get(cameraId);
    if (!list || list.length === 0) return null;

    // Taken before the reply is written: a heartbeat arriving meanwhile finds nothing.
    this.waiting.delete(cameraId);
    for (const w of list) clearTimeout(w.timer);
    let settled = false;
    return {
      pulse: { ...OPEN_PULSE },
      settle: (result) => {
        if (settled) return;
        settled = true;
        for (const w of list) w.resolve(result);
      },
    };
  }

  /** Refuses every open still waiting; the host is stopping. */
  close(): void {
    this.closed = true;
    for (const list of this.waiting.values()) {
      for (const w of list) {
        clearTimeout(w.timer);
        w.resolve({ ok: false, error: STOPPING, failure: 'stopped' });
      }
    }
    this.waiting.clear();
  }

  private expire(cameraId: string, entry: Waiting, vendor: LprVendorName): void {
    const list = this.waiting.get(cameraId)?.filter((w) => w !== entry) ?? [];
    if (list.length > 0) this.waiting.set(cameraId, list);
    else this.waiting.delete(cameraId);

    entry.resolve({ ok: false, error: heartbeatOpenExpiredError(this.expiryMs, vendor),
      failure: 'camera-silent' });
  }
}

const STOPPING = 'Gatehouse is stopping; the barrier was not opened';

/** What the installer checks on a camera that did not call in: its own words for the setting. */
const HEARTBEAT_SETTING: Partial<Record<LprVendorName, string>> = {
  vzenith: 'its heartbeat mode is comet',
  huaxia: 'its heartbeat is switched on',
};

/**
 * The installer's detail when the camera did not call in time; the guard reads the failure's
 * kind, camera-silent, in the page's language (api/contract/barrier-failures.ts).
 */
export function heartbeatOpenExpiredError(expiryMs: number, vendor: LprVendorName): string {
  const setting = HEARTBEAT_SETTING[vendor] ?? 'it sends heartbeats';
  return `the camera did not call in within ${expiryMs / 1000} s, so the barrier was not ` +
    `opened; check that ${setting} and that it reaches Gatehouse`;
}
