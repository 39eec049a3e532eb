// Dispatches calls and event subscriptions from any transport: validates the input against the
// contract, checks the caller's role, runs the handler, and turns every failure into a value.
import { z } from 'zod';
import {
  CALLS, EVENTS, canAccess, fail, ok,
  type CallName, type CallInput, type CallOutput, type EventName, type EventPayload,
  type Result, type Role, type UserView,
} from './contract.ts';
import type { Logger } from '../log/logger.ts';

/** Who is calling: the session a transport resolved from its token (or none yet). */
export interface Caller {
  user: UserView | null;
  token: string | null;
  /** Remote address of the transport's peer, for the audit trail. */
  remote: string;
}

export type Handler<N extends CallName> = (
  input: z.output<(typeof CALLS)[N]['input']>,
  caller: Caller,
) => Promise<Result<CallOutput<N>>> | Result<CallOutput<N>>;

export type Handlers = { [N in CallName]: Handler<N> };

type Listener = (event: EventName, payload: unknown) => void;

export class Dispatcher {
  private readonly handlers: Handlers;
  private readonly log: Logger;
  private readonly listeners = new Set<{ event: EventName; role: Role; fn: Listener }>();
  /** While set, every call but status/login is refused: the installer must be created first. */
  private setupGate: () => boolean;

  constructor(handlers: Handlers, log: Logger, needsSetup: () => boolean) {
    this.handlers = handlers;
    this.log = log;
    this.setupGate = needsSetup;
  }

  async call(caller: Caller, name: string, rawInput: unknown): Promise<Result<unknown>> {
    if (!Object.hasOwn(CALLS, name)) return fail('unknown_call', `no call named ${name}`);
    const callName = name as CallName;
    const spec = CALLS[callName];

    const setupCalls: string[] = ['system.status', 'auth.setupInstaller'];
    if (this.setupGate() && !setupCalls.includes(callName)) {
      return fail('setup_required', 'create the installer account first');
    }

    if (!canAccess(spec.access, caller.user?.role ?? null)) {
      return caller.user
        ? fail('forbidden', `${caller.user.role} may not call ${callName}`)
        : fail('unauthenticated', 'log in first');
    }

    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) return fail('invalid_input', z.prettifyError(parsed.error));

    try {
      const handler = this.handlers[callName] as Handler<CallName>;
      return await handler(parsed.data as never, caller);
    } catch (err) {
      this.log.error({ err, call: callName }, 'call failed');
      return fail('internal', (err as Error).message);
    }
  }

  /** Subscribes a caller to an event after the role check; returns the unsubscribe function. */
  subscribe(caller: Caller, event: string, fn: Listener): Result<() => void> {
    if (!Object.hasOwn(EVENTS, event)) return fail('unknown_call', `no event named ${event}`);
    const eventName = event as EventName;
    const role = caller.user?.role ?? null;
    if (role === null) return fail('unauthenticated', 'log in first');
    if (!canAccess(EVENTS[eventName].access, role)) {
      return fail('forbidden', `${role} may not subscribe to ${eventName}`);
    }

    const entry = { event: eventName, role, fn };
    this.listeners.add(entry);
    return ok(() => this.listeners.delete(entry));
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const l of this.listeners) {
      if (l.event !== event) continue;
      try {
        l.fn(event, payload);
      } catch (err) {
        this.log.warn({ err, event }, 'event listener failed');
      }
    }
  }
}

export type { CallInput };
