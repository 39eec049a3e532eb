// The preload's `window.gatehouse` against a mocked ipcRenderer: calls go out on one channel,
// the main process is subscribed once per event, `on()` hands back a working unsubscribe, and
// the media server's origin comes from the renderer's command line.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { DesktopBridge } from '../api/contract.ts';

/** What the main process puts on the renderer's command line (shell/window.ts). */
const MEDIA_ORIGIN = 'http://127.0.0.1:50123';

const electron = vi.hoisted(() => {
  const state = {
    exposed: new Map<string, unknown>(),
    invoked: [] as unknown[][],
    eventHandler: null as null | ((e: unknown, event: string, payload: unknown) => void),
    answer: (..._args: unknown[]): Promise<unknown> => Promise.resolve({ ok: true, value: {} }),
  };
  const module = {
    contextBridge: {
      exposeInMainWorld: (key: string, api: unknown) => state.exposed.set(key, api),
    },
    ipcRenderer: {
      invoke: (...args: unknown[]) => {
        state.invoked.push(args);
        return state.answer(...args);
      },
      on: (_channel: string, fn: typeof state.eventHandler) => {
        state.eventHandler = fn;
      },
    },
  };
  return { state, module };
});

vi.mock('electron', () => electron.module);

const argv = process.argv;
process.argv = [...argv, `--gatehouse-media-origin=${MEDIA_ORIGIN}`];
await import('../preload.ts');
process.argv = argv;
const api = electron.state.exposed.get('gatehouse') as DesktopBridge;

function deliver(event: string, payload: unknown): void {
  electron.state.eventHandler?.({}, event, payload);
}

beforeEach(() => {
  electron.state.invoked.length = 0;
  electron.state.answer = () => Promise.resolve({ ok: true, value: {} });
});

describe('window.gatehouse in the desktop window', () => {
  it('is exposed under the name the renderer expects', () => {
    expect(typeof api.call).toBe('function');
    expect(typeof api.on).toBe('function');
  });

  it('names the media server the main process started for this window', () => {
    expect(api.mediaOrigin).toBe(MEDIA_ORIGIN);
  });

  it('sends a call to the main process and returns its result', async () => {
    electron.state.answer = () => Promise.resolve({ ok: true, value: [] });

    const result = await api.call('lanes.list', {});

    expect(electron.state.invoked).toEqual([['gatehouse:call', 'lanes.list', {}]]);
    expect(result).toEqual({ ok: true, value: [] });
  });

  it('turns a broken IPC channel into an error value', async () => {
    electron.state.answer = () => Promise.reject(new Error("No handler registered for 'x'"));

    const result = await api.call('system.status', {});

    expect(result).toEqual({
      ok: false, error: { code: 'internal', message: "IPC failed: No handler registered for 'x'" },
    });
  });

  it('subscribes the main process once per event and unsubscribes after the last listener', () => {
    const seenByLanes: unknown[] = [];
    const seenByBadge: unknown[] = [];

    const offLanes = api.on('barrier.changed', (p) => seenByLanes.push(p));
    const offBadge = api.on('barrier.changed', (p) => seenByBadge.push(p));
    deliver('barrier.changed', { laneId: 'in-1', state: 'opened' });
    offLanes();
    deliver('barrier.changed', { laneId: 'in-1', state: 'failed' });
    offBadge();
    offBadge();

    expect(electron.state.invoked).toEqual([
      ['gatehouse:sub', 'barrier.changed'],
      ['gatehouse:unsub', 'barrier.changed'],
    ]);
    expect(seenByLanes).toEqual([{ laneId: 'in-1', state: 'opened' }]);
    expect(seenByBadge).toEqual([
      { laneId: 'in-1', state: 'opened' },
      { laneId: 'in-1', state: 'failed' },
    ]);
  });

  it('keeps delivering to the other listeners when one of them throws', async () => {
    const seen: unknown[] = [];
    const rethrown = new Promise<unknown>((resolve) => process.once('uncaughtException', resolve));
    const offBroken = api.on('sync.changed', () => {
      throw new Error('render failed');
    });
    const offGood = api.on('sync.changed', (p) => seen.push(p));

    deliver('sync.changed', { pending: 1, acked: 0 });

    expect(seen).toEqual([{ pending: 1, acked: 0 }]);
    expect(((await rethrown) as Error).message).toBe('render failed');
    offBroken();
    offGood();
  });
});
