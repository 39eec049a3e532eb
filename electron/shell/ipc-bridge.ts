// The IPC transport: the window's `gatehouse.call` and `gatehouse.on` reach the core's
// dispatcher here. The session token stays in the main process, one per window, so the role
// check happens on every call exactly as it does over the WebSocket. Nothing throws across IPC:
// every failure goes back as `{ ok: false, error }`.
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { EVENTS, fail, ok, type Result } from '../api/contract.ts';
import type { Host } from '../host/types.ts';
import type { Logger } from '../log/logger.ts';
import { IPC_CHANNELS } from './ipc-channels.ts';

/** What the audit trail records as the remote end of a call made from the desktop window. */
export const IPC_REMOTE = 'electron-ipc';

/** Calls whose successful result carries the session token the window works under from now. */
const LOGIN_CALLS = ['auth.login', 'auth.setupInstaller'];
const LOGOUT_CALL = 'auth.logout';

export interface IpcBridgeOptions {
  /** True for the URL of our own page; calls from any other frame are refused. */
  isTrustedUrl(url: string): boolean;
}

export interface IpcBridge {
  dispose(): void;
}

interface WindowSession {
  contents: WebContents;
  token: string | null;
  /** Events the window asked for; they follow the session through login and logout. */
  wanted: Set<string>;
  /** Events subscribed at the dispatcher under the current session, with their unsubscribe. */
  active: Map<string, () => void>;
}

export function attachIpcBridge(host: Host, log: Logger, options: IpcBridgeOptions): IpcBridge {
  const sessions = new Map<number, WindowSession>();

  const sessionOf = (contents: WebContents): WindowSession => {
    const known = sessions.get(contents.id);
    if (known) return known;

    const fresh: WindowSession = { contents, token: null, wanted: new Set(), active: new Map() };
    sessions.set(contents.id, fresh);
    contents.once('destroyed', () => {
      deactivateAll(fresh);
      sessions.delete(contents.id);
    });
    return fresh;
  };

  const guarded = <A extends unknown[]>(
    channel: string,
    handle: (session: WindowSession, ...args: A) => Promise<Result<unknown>> | Result<unknown>,
  ) => {
    ipcMain.handle(channel, async (e: IpcMainInvokeEvent, ...args: unknown[]) => {
      try {
        if (!isTrustedSender(e, options)) return fail('forbidden', 'IPC from an untrusted frame');
        return await handle(sessionOf(e.sender), ...(args as A));
      } catch (err) {
        log.error({ err, channel }, 'IPC handler failed');
        return fail('internal', (err as Error).message);
      }
    });
  };

  guarded(IPC_CHANNELS.call, async (session, name: unknown, input: unknown) => {
    if (typeof name !== 'string') return fail('invalid_input', 'the call name must be a string');

    const caller = host.callerFor(session.token, IPC_REMOTE);
    const result = await host.dispatcher.call(caller, name, input);

    if (LOGIN_CALLS.includes(name) && result.ok) {
      session.token = (result.value as { token: string }).token;
      resubscribe(host, session);
    }
    if (name === LOGOUT_CALL) {
      // Cleared whatever the core answered: a window that asked to log out is logged out.
      session.token = null;
      deactivateAll(session);
    }
    return result;
  });

  guarded(IPC_CHANNELS.sub, (session, event: unknown) => {
    if (typeof event !== 'string' || !Object.hasOwn(EVENTS, event)) {
      return fail('unknown_call', `no event named ${String(event)}`);
    }
    session.wanted.add(event);
    return activate(host, session, event);
  });

  guarded(IPC_CHANNELS.unsub, (session, event: unknown) => {
    if (typeof event !== 'string') return fail('invalid_input', 'the event name must be a string');

    session.wanted.delete(event);
    session.active.get(event)?.();
    session.active.delete(event);
    return ok({ active: false });
  });

  return {
    dispose() {
      for (const channel of [IPC_CHANNELS.call, IPC_CHANNELS.sub, IPC_CHANNELS.unsub]) {
        ipcMain.removeHandler(channel);
      }
      for (const session of sessions.values()) deactivateAll(session);
      sessions.clear();
    },
  };
}

/**
 * Subscribes one wanted event under the window's current session. A refusal (not logged in,
 * role not allowed) is returned, and the event stays wanted: it activates after a login whose
 * role allows it.
 */
function activate(host: Host, session: WindowSession, event: string): Result<{ active: boolean }> {
  if (session.active.has(event)) return ok({ active: true });

  const caller = host.callerFor(session.token, IPC_REMOTE);
  const subscribed = host.dispatcher.subscribe(caller, event, (name, payload) => {
    if (session.contents.isDestroyed()) return;
    session.contents.send(IPC_CHANNELS.event, name, payload);
  });
  if (!subscribed.ok) return subscribed;

  session.active.set(event, subscribed.value);
  return ok({ active: true });
}

/** After a login the role may differ: drop what the old session held, then subscribe again. */
function resubscribe(host: Host, session: WindowSession): void {
  deactivateAll(session);
  for (const event of session.wanted) activate(host, session, event);
}

function deactivateAll(session: WindowSession): void {
  for (const unsubscribe of session.active.values()) unsubscribe();
  session.active.clear();
}

/** Only the top frame of our own page may call: never a subframe or a page navigated to. */
function isTrustedSender(e: IpcMainInvokeEvent, options: IpcBridgeOptions): boolean {
  const frame = e.senderFrame;
  if (!frame || frame.parent !== null) return false;
  return options.isTrustedUrl(frame.url);
}
