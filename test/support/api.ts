// Talking to a running host the way the renderer does: `POST /api/call` with a bearer token.
import type { CallName, CallInput, CallOutput, Result } from '../../electron/api/contract.ts';

export class ApiClient {
  readonly base: string;
  token: string | null = null;

  constructor(base: string) {
    this.base = base.endsWith('/') ? base : `${base}/`;
  }

  async call<N extends CallName>(name: N, input: CallInput<N>): Promise<Result<CallOutput<N>>> {
    const res = await fetch(new URL('api/call', this.base), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      body: JSON.stringify({ name, input }),
    });
    return (await res.json()) as Result<CallOutput<N>>;
  }

  /** Calls and unwraps, failing the test with the error when the result is not ok. */
  async value<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
    const r = await this.call(name, input);
    if (!r.ok) throw new Error(`${name} failed: ${r.error.code} ${r.error.message}`);
    return r.value;
  }

  async login(username: string, password: string): Promise<this> {
    const v = await this.value('auth.login', { username, password });
    this.token = v.token;
    return this;
  }

  async health(): Promise<{ status: number; body: any }> {
    const res = await fetch(new URL('api/health', this.base));
    return { status: res.status, body: await res.json() };
  }
}
