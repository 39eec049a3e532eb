// The barrier behind an LPR camera's own relay, commanded over HTTP with Digest: Hikvision's
// ISAPI `barrierGate` (ctrlMode open) and Dahua's `trafficSnap.cgi?action=openStrobe`. Used on
// lanes whose barrier hangs on the camera and for a guard's manual open there. The camera
// pulses the relay itself, so one command is one pulse, and a failed one is never resent
// behind the guard's back (a late answer may still have opened the barrier).
import type { CameraCommandBarrierConfig } from '../../config/device-config.ts';
import type { Logger } from '../../log/logger.ts';
import type { BarrierDriver, BarrierResult } from './barrier.ts';
import { failureOf } from './barrier-failure.ts';
import { digestRequest, type HttpAnswer } from './digest.ts';

/** The request each vendor takes to open its relay on a channel. */
export function openCommandFor(config: CameraCommandBarrierConfig): {
  method: 'GET' | 'PUT'; path: string; body?: string;
} {
  if (config.vendor === 'hikvision') {
    return {
      method: 'PUT',
      path: `/ISAPI/Parking/channels/${config.channel}/barrierGate`,
      body: '<?xml version="1.0" encoding="UTF-8"?>\n' +
        '<BarrierGate version="2.0" xmlns="http://www.isapi.org/ver20/XMLSchema">' +
        '<ctrlMode>open</ctrlMode></BarrierGate>',
    };
  }
  return {
    method: 'GET',
    path: `/cgi-bin/trafficSnap.cgi?action=openStrobe&channel=${config.channel}` +
      '&info.openType=Normal',
  };
}

/** Whether the camera's answer says the relay was switched; otherwise why not, in words. */
export function judgeAnswer(vendor: CameraCommandBarrierConfig['vendor'], answer: HttpAnswer):
  BarrierResult {
  if (answer.status === 401) return { ok: false, failure: 'refused', error: 'the camera refused ' +
    'the user name or password (HTTP 401 after Digest)' };

  if (vendor === 'hikvision') {
    const code = /<statusCode>\s*(\d+)\s*<\/statusCode>/.exec(answer.body)?.[1];
    const sub = /<subStatusCode>\s*([^<\s]+)\s*<\/subStatusCode>/.exec(answer.body)?.[1];
    if (answer.status === 200 && (code === undefined || code === '1')) return { ok: true };
    return { ok: false, failure: 'refused',
      error: `the camera refused the barrier command: HTTP ${answer.status}` +
      (code ? `, statusCode ${code}${sub ? ` (${sub})` : ''}` : '') };
  }

  if (answer.status === 200 && /^\s*OK\s*$/i.test(answer.body)) return { ok: true };
  const said = answer.body.trim().replace(/\s+/g, ' ').slice(0, 80);
  return { ok: false, failure: 'refused',
    error: `the camera refused openStrobe: HTTP ${answer.status} ${said}` };
}

export function createCameraCommandBarrier(
  config: CameraCommandBarrierConfig, log: Logger,
): BarrierDriver {
  const base = config.url.replace(/\/+$/, '');
  const where = { kind: config.kind, vendor: config.vendor, camera: base };
  let inFlight: Promise<BarrierResult> | null = null;
  let closed = false;

  const send = async (): Promise<BarrierResult> => {
    const command = openCommandFor(config);
    const started = performance.now();
    let result: BarrierResult;
    try {
      const answer = await digestRequest({
        url: base + command.path, method: command.method, body: command.body,
        username: config.username, password: config.password, timeoutMs: config.timeoutMs,
      });
      result = judgeAnswer(config.vendor, answer);
    } catch (err) {
      result = { ok: false, failure: failureOf(err),
        error: `the camera at ${base} did not take the barrier command: ` +
          (err as Error).message };
    }

    const ms = Math.round(performance.now() - started);
    if (result.ok) log.info({ ...where, ms }, 'barrier opened by camera command');
    else log.warn({ ...where, ms, error: result.error }, 'barrier did not open');
    return result;
  };

  return {
    kind: config.kind,

    // Two opens at once (a double read, a guard pressing twice) are one command: the relay
    // pulse the camera makes covers both.
    open() {
      if (closed) return Promise.resolve({ ok: false, failure: 'stopped',
        error: `barrier driver for ${base} is closed` });
      inFlight ??= send().finally(() => (inFlight = null));
      return inFlight;
    },

    async close() {
      closed = true;
      await inFlight;
    },
  };
}
