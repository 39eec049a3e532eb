// The preload (bundled to dist/preload/preload.cjs): hands the sandboxed renderer one object,
// `window.gatehouse`, that satisfies the contract's DesktopBridge: the API over IPC and the
// origin of the core's media server. It imports types only from the contract, so the bundle
// holds no zod and no core code.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ApiError, DesktopBridge, Result } from './api/contract.ts';
import { IPC_CHANNELS } from './shell/ipc-channels.ts';
import { mediaOriginFrom } from './shell/media-origin-arg.ts';

type Listener = (payload: unknown) => void;

/** Listeners per event; the main process is subscribed once per event that has any. */
const listeners = new Map<string, Set<Listener>>();

ipcRenderer.on(IPC_CHANNELS.event, (_e: IpcRendererEvent, event: string, payload: unknown) => {
  for (const listener of listeners.get(event) ?? []) {
    try {
      listener(payload);
    } catch (err) {
      // One page's failing listener must not starve the others; rethrown so DevTools shows it.
      queueMicrotask(() => {
        throw err;
      });
    }
  }
});

function invoke<T>(channel: string, ...args: unknown[]): Promise<Result<T>> {
  return ipcRenderer.invoke(channel, ...args).catch((err: Error) => {
    const error: ApiError = { code: 'internal', message: `IPC failed: ${err.message}` };
    return { ok: false, error } as const;
  });
}

const api = {
  call(name, input) {
    return invoke(IPC_CHANNELS.call, name, input);
  },

  on(event, listener) {
    const forEvent = listeners.get(event) ?? new Set<Listener>();
    const first = forEvent.size === 0;
    forEvent.add(listener as Listener);
    listeners.set(event, forEvent);
    if (first) void invoke(IPC_CHANNELS.sub, event);

    return () => {
      if (!forEvent.delete(listener as Listener) || forEvent.size > 0) return;
      listeners.delete(event);
      void invoke(IPC_CHANNELS.unsub, event);
    };
  },

  // Named by the main process on this renderer's command line (shell/window.ts).
  mediaOrigin: mediaOriginFrom(process.argv),
} satisfies DesktopBridge;

contextBridge.exposeInMainWorld('gatehouse', api);
