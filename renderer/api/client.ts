// The one API object the renderer talks to. Inside Electron the preload hands us
// `window.gatehouse` (the main process keeps the session); served by the headless host we speak
// HTTP for calls and a WebSocket for events. Either way callers get Results, never exceptions.
import type {
  CallName, CallInput, CallOutput, DesktopBridge, EventName, EventPayload, GatehouseApi, Result,
} from '../../electron/api/contract.ts';
import { EventSocket } from './event-socket.ts';
import { failure, postCall } from './http-call.ts';
import { createTokenStore, defaultTokenStorage, type TokenStorage } from './token-store.ts';

declare global {
  interface Window {
    /** Set by the Electron preload through contextBridge. */
    gatehouse?: DesktopBridge;
  }
}

export type ApiClient = GatehouseApi & {
  /** A call allowed to take longer than a guard would wait: imports and exports of ledgers. */
  callSlow<N extends CallName>(
    name: N, input: CallInput<N>, timeoutMs: number,
  ): Promise<Result<CallOutput<N>>>;
  setToken(token: string | null): void;
  token(): string | null;
  /** Called when the event stream is back after a drop: events may have been missed. */
  onReconnect(listener: () => void): () => void;
};

export interface ApiClientOptions {
  /** The preload's bridge; defaults to `window.gatehouse`. Pass null to force HTTP. */
  bridge?: GatehouseApi | null;
  /** `http(s)://host:port` of the headless host; defaults to the page's own origin. */
  origin?: string;
  storage?: TokenStorage | null;
}

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const bridge = options.bridge === undefined ? windowBridge() : options.bridge;
  const storage = options.storage === undefined ? defaultTokenStorage() : options.storage;
  const tokens = createTokenStore(storage);

  if (bridge) return createBridgeClient(bridge, tokens);
  return createHttpClient(options.origin ?? location.origin, tokens);
}

function windowBridge(): GatehouseApi | null {
  return typeof window !== 'undefined' && window.gatehouse ? window.gatehouse : null;
}

type Tokens = ReturnType<typeof createTokenStore>;

/** Electron: the main process holds the session; the token is kept only for the UI's sake. */
function createBridgeClient(bridge: GatehouseApi, tokens: Tokens): ApiClient {
  const call = async <N extends CallName>(name: N, input: CallInput<N>) => {
    try {
      return await bridge.call(name, input);
    } catch (err) {
      return failure('internal', `${name}: ${(err as Error).message}`);
    }
  };
  return {
    call,
    // The bridge has no timeout of its own to stretch.
    callSlow: (name, input) => call(name, input),
    on: (event, listener) => bridge.on(event, listener),
    setToken: (token) => tokens.set(token),
    token: () => tokens.get(),
    onReconnect: () => () => undefined,
  };
}

/** Headless host: `POST /api/call` with the bearer token, events over `/api/ws?token=…`. */
function createHttpClient(origin: string, tokens: Tokens): ApiClient {
  const wsOrigin = origin.replace(/^http/, 'ws');
  const socket = new EventSocket(
    (token) => `${wsOrigin}/api/ws?token=${encodeURIComponent(token)}`,
  );
  socket.setToken(tokens.get());

  return {
    call<N extends CallName>(name: N, input: CallInput<N>) {
      return postCall(origin, tokens.get(), name, input) as Promise<Result<CallOutput<N>>>;
    },
    callSlow<N extends CallName>(name: N, input: CallInput<N>, timeoutMs: number) {
      return postCall(origin, tokens.get(), name, input, timeoutMs) as Promise<
        Result<CallOutput<N>>>;
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      return socket.on(event, (payload) => listener(payload as EventPayload<E>));
    },
    setToken(token) {
      tokens.set(token);
      socket.setToken(token);
    },
    token: () => tokens.get(),
    onReconnect: (listener) => socket.onReconnect(listener),
  };
}
