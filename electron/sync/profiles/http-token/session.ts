// The http-token profile's login session: one token shared by every upload in flight. A token
// near its stated expiry is replaced before use; a token the platform refused is replaced once,
// by one login however many uploads saw the refusal at the same moment.
import { randomUUID } from 'node:crypto';
import { replyClass, type PlatformTable } from '../code-tables.ts';
import { sendHttp } from '../http-post.ts';
import {
  authFailure, retryable,
  type Delivery, type DeliveryContext, type PlatformEndpoint,
} from '../profile.ts';
import { loginReplySchema, signFields, type LoginReply, type LoginRequest } from './wire.ts';

/**
 * Log in again half a minute before the token's stated expiry, so that an upload does not
 * leave with a token that expires on the way (or on a platform clock a little ahead of ours).
 */
export const TOKEN_REFRESH_MARGIN_MS = 30_000;

export type TokenOutcome = { ok: true; token: string } | { ok: false; delivery: Delivery };

export class TokenSession {
  private readonly endpoint: PlatformEndpoint;
  private readonly table: PlatformTable;
  private readonly loginUrl: string;
  private token: string | null = null;
  private expiresAt = 0;
  private login: Promise<TokenOutcome> | null = null;
  private logins = 0;

  constructor(endpoint: PlatformEndpoint, table: PlatformTable, loginPath: string) {
    this.endpoint = endpoint;
    this.table = table;
    this.loginUrl = endpoint.url.replace(/\/+$/, '') + loginPath;
  }

  /** How many logins this session made (the tests count them). */
  get loginCount(): number {
    return this.logins;
  }

  /** A token good at `ctx.sentAt`: the current one, or a fresh login. */
  current(ctx: DeliveryContext): Promise<TokenOutcome> {
    if (this.token && ctx.sentAt < this.expiresAt - TOKEN_REFRESH_MARGIN_MS) {
      return Promise.resolve({ ok: true, token: this.token });
    }
    return this.logIn(ctx);
  }

  /**
   * A replacement for `stale`, which the platform refused. When another upload already
   * replaced it, that token is used; otherwise one login is made and shared.
   */
  renew(stale: string, ctx: DeliveryContext): Promise<TokenOutcome> {
    if (this.token && this.token !== stale) {
      return Promise.resolve({ ok: true, token: this.token });
    }
    if (this.token === stale) this.token = null;
    return this.logIn(ctx);
  }

  private logIn(ctx: DeliveryContext): Promise<TokenOutcome> {
    if (!this.login) {
      this.login = this.requestToken(ctx).finally(() => {
        this.login = null;
      });
    }
    return this.login;
  }

  private async requestToken(ctx: DeliveryContext): Promise<TokenOutcome> {
    this.logins++;
    const fields = { appId: this.endpoint.appId, timestamp: String(ctx.sentAt),
      nonce: randomUUID() };
    const body: LoginRequest = { ...fields, sign: signFields(fields, this.endpoint.secret) };

    const answer = await sendHttp({
      url: this.loginUrl, method: 'POST', body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
    }, ctx);
    if (!answer.ok) return failed(retryable(`login: ${answer.reason}`));

    const reply = parseLoginReply(answer.text);
    if (!reply) return failed(retryable(`login: HTTP ${answer.status} without a platform reply`));

    const meaning = replyClass(this.table, reply.resultCode);
    const reason = `login refused: code ${reply.resultCode}: ${reply.resultMsg || 'no reason'}`;
    if (meaning === 'ok' && reply.data) {
      this.token = reply.data.token;
      this.expiresAt = ctx.sentAt + reply.data.expiresIn * 1_000;
      return { ok: true, token: reply.data.token };
    }
    // Refused credentials are the installer's to fix; anything else may pass on a later try.
    if (meaning === 'auth' || meaning === 'token') return failed(authFailure(reason));
    return failed(retryable(reason));
  }
}

function failed(delivery: Delivery): TokenOutcome {
  return { ok: false, delivery };
}

function parseLoginReply(text: string): LoginReply | null {
  try {
    const parsed = loginReplySchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
