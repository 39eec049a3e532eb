// The http-token profile's alert downlink (M6): a signed poll of the platform's control measures
// with the token the uploads use. A refused token is replaced through the shared session (one
// login, as for uploads) and the poll asked once more. A failed poll is logged and tried again
// at the next interval; the alerts already taken stay in force meanwhile.
import { randomUUID } from 'node:crypto';
import type { PlatformAlert } from '../../../alerts/alert-repository.ts';
import type { Logger } from '../../../log/logger.ts';
import { DOWNLINK_POLL_MS, DOWNLINK_TIMEOUT_MS } from '../../downlink.ts';
import { measureFromPlatform } from '../alert-codes.ts';
import { replyClass, type PlatformTable } from '../code-tables.ts';
import { sendHttp } from '../http-post.ts';
import type {
  AlertDownlink, DeliveryContext, DownlinkStart, PlatformEndpoint,
} from '../profile.ts';
import type { TokenSession } from './session.ts';
import {
  measuresReplySchema, signFields, type MeasuresReply, type MeasuresRequest,
} from './wire.ts';

export interface HttpTokenDownlinkDeps {
  endpoint: PlatformEndpoint;
  table: PlatformTable;
  /** The uploads' session: one live token per app, so the poll must not log in on its own. */
  session: TokenSession;
  /** `paths.measures` of the table. */
  path: string;
  log: Logger;
  now: () => number;
}

/** The measures, or why there are none this round (`token`: log in again once). */
type Asked = { ok: true; measures: unknown[] } | { ok: false; token: boolean; reason: string };

export function createHttpTokenDownlink(deps: HttpTokenDownlinkDeps): AlertDownlink {
  const url = deps.endpoint.url.replace(/\/+$/, '') + deps.path;
  const aborter = new AbortController();
  let timer: NodeJS.Timeout | null = null;
  let inFlight: Promise<void> | null = null;

  async function poll(options: DownlinkStart): Promise<void> {
    const ctx = (): DeliveryContext => ({ sentAt: deps.now(), timeoutMs: DOWNLINK_TIMEOUT_MS,
      signal: aborter.signal });

    const first = await deps.session.current(ctx());
    if (!first.ok) return failed(first.delivery.ok ? 'no token' : first.delivery.reason);
    let asked = await ask(first.token, ctx());

    if (!asked.ok && asked.token) {
      const renewed = await deps.session.renew(first.token, ctx());
      if (!renewed.ok) return failed(renewed.delivery.ok ? 'no token' : renewed.delivery.reason);
      asked = await ask(renewed.token, ctx());
    }
    if (!asked.ok) return failed(asked.reason);

    const alerts: PlatformAlert[] = [];
    for (const raw of asked.measures) {
      const mapped = measureFromPlatform(raw, deps.table, options.enterpriseCode);
      if (mapped.ok) alerts.push(mapped.alert);
      else deps.log.debug({ reason: mapped.reason }, 'control measure not taken');
    }
    options.take(alerts);
  }

  async function ask(token: string, ctx: DeliveryContext): Promise<Asked> {
    const fields = { appId: deps.endpoint.appId, token, timestamp: String(ctx.sentAt),
      nonce: randomUUID() };
    const body: MeasuresRequest = { ...fields, sign: signFields(fields, deps.endpoint.secret) };

    const answer = await sendHttp({ url, method: 'POST', body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json; charset=utf-8' } }, ctx);
    if (!answer.ok) return { ok: false, token: false, reason: answer.reason };

    const reply = parseReply(answer.text);
    if (!reply) {
      const token = answer.status === 401;
      return { ok: false, token, reason: `HTTP ${answer.status} without a platform reply` };
    }
    const meaning = replyClass(deps.table, reply.resultCode);
    if (meaning === 'ok' && reply.data) return { ok: true, measures: reply.data.measures };
    const reason = `code ${reply.resultCode}: ${reply.resultMsg || 'no reason given'}`;
    return { ok: false, token: meaning === 'token', reason };
  }

  function failed(reason: string): void {
    if (!aborter.signal.aborted) deps.log.warn({ reason }, 'control measures poll failed');
  }

  function pollOnce(options: DownlinkStart): void {
    if (inFlight || aborter.signal.aborted) return;
    inFlight = poll(options)
      .catch((err: unknown) => deps.log.error({ err }, 'control measures poll broke'))
      .finally(() => {
        inFlight = null;
      });
  }

  return {
    start(options) {
      if (timer || aborter.signal.aborted) return;
      pollOnce(options);
      timer = setInterval(() => pollOnce(options), options.pollMs ?? DOWNLINK_POLL_MS);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      aborter.abort();
      await inFlight;
    },
  };
}

function parseReply(text: string): MeasuresReply | null {
  try {
    const parsed = measuresReplySchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
