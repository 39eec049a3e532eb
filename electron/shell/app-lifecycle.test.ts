// The desktop app's life against a mocked Electron: one instance per PC, the core started with
// the user-data folder, IPC bridged, and the core closed before the process quits.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../log/logger.ts';
import type { Host, HostOptions } from '../host/types.ts';

const electron = vi.hoisted(() => {
  const state = {
    hasLock: true,
    appHandlers: new Map<string, ((...args: unknown[]) => void)[]>(),
    windows: [] as {
      restore: () => void; focus: () => void; isMinimized: () => boolean;
      options: { webPreferences: { additionalArguments: string[] } };
    }[],
    ipcChannels: new Set<string>(),
  };
  const app = {
    requestSingleInstanceLock: () => state.hasLock,
    quit: () => undefined as void,
    exit: (_code?: number) => undefined as void,
    whenReady: async () => undefined,
    getPath: (name: string) =>
      name === 'userData' ? '/home/guard/.config/Gatehouse' : `/tmp/${name}`,
    getAppPath: () => '/opt/Gatehouse/resources/app.asar',
    on(name: string, fn: (...args: unknown[]) => void) {
      state.appHandlers.set(name, [...(state.appHandlers.get(name) ?? []), fn]);
      return app;
    },
  };
  class BrowserWindow {
    webContents = { setWindowOpenHandler() {}, on() {}, downloadURL() {} };
    restore = () => undefined;
    focus = () => undefined;
    show() {}
    isMinimized = () => true;
    options: { webPreferences: { additionalArguments: string[] } };
    constructor(options: { webPreferences: { additionalArguments: string[] } }) {
      this.options = options;
      state.windows.push(this);
    }
    once() {}
    on() {}
    async loadFile() {}
  }
  const module = {
    app,
    BrowserWindow,
    dialog: { showErrorBox: (_title: string, _body: string) => undefined as void },
    ipcMain: {
      handle: (channel: string) => state.ipcChannels.add(channel),
      removeHandler: (channel: string) => state.ipcChannels.delete(channel),
    },
    session: {
      defaultSession: { webRequest: { onHeadersReceived() {} }, setPermissionRequestHandler() {} },
    },
  };
  return { state, module };
});

vi.mock('electron', () => electron.module);

const { runDesktopApp } = await import('./app-lifecycle.ts');
const { app, dialog } = electron.module;

function emitApp(name: string, ...args: unknown[]): void {
  for (const fn of electron.state.appHandlers.get(name) ?? []) fn(...args);
}

function fakeHost(): Host & { close: ReturnType<typeof vi.fn> } {
  return {
    dispatcher: {} as Host['dispatcher'],
    callerFor: (token, remote) => ({ user: null, token, remote }),
    uiUrl: null,
    mediaOrigin: 'http://127.0.0.1:50123',
    close: vi.fn(async () => undefined),
  };
}

beforeEach(() => {
  electron.state.hasLock = true;
  electron.state.appHandlers.clear();
  electron.state.windows.length = 0;
  electron.state.ipcChannels.clear();
  vi.restoreAllMocks();
});

describe('the desktop app', () => {
  it('hands over to the running instance and quits when another one holds the lock', async () => {
    electron.state.hasLock = false;
    const quit = vi.spyOn(app, 'quit');
    const startHost = vi.fn(async () => fakeHost());

    await runDesktopApp({ startHost, argv: ['gatehouse'], log: silentLogger() });

    expect(quit).toHaveBeenCalledOnce();
    expect(startHost).not.toHaveBeenCalled();
    expect(electron.state.windows).toHaveLength(0);
  });

  it('starts the core in the user-data folder and opens the bridged window', async () => {
    const startHost = vi.fn(async (_options: HostOptions) => fakeHost());

    await runDesktopApp({ startHost, argv: ['gatehouse', '--demo'], log: silentLogger() });

    expect(startHost).toHaveBeenCalledWith({
      dataDir: '/home/guard/.config/Gatehouse', demo: true, serveHttp: false,
      serveWindowMedia: true,
    });
    expect([...electron.state.ipcChannels].sort()).toEqual([
      'gatehouse:call', 'gatehouse:sub', 'gatehouse:unsub',
    ]);
    expect(electron.state.windows).toHaveLength(1);
  });

  it("tells the window's preload where the core serves video", async () => {
    await runDesktopApp({ startHost: async () => fakeHost(), argv: [], log: silentLogger() });

    expect(electron.state.windows[0]?.options.webPreferences.additionalArguments).toEqual([
      '--gatehouse-media-origin=http://127.0.0.1:50123',
    ]);
  });

  it('takes the data folder the CLI names with --data', async () => {
    const startHost = vi.fn(async (_options: HostOptions) => fakeHost());

    const argv = ['gatehouse', '--data=/srv/gate'];
    await runDesktopApp({ startHost, argv, log: silentLogger() });

    expect(startHost.mock.calls[0]?.[0]).toEqual({
      dataDir: '/srv/gate', demo: false, serveHttp: false, serveWindowMedia: true,
    });
  });

  it('brings its window forward when a second instance starts', async () => {
    await runDesktopApp({ startHost: async () => fakeHost(), argv: [], log: silentLogger() });
    const window = electron.state.windows[0];
    if (!window) throw new Error('no window');
    const restore = vi.spyOn(window, 'restore');
    const focus = vi.spyOn(window, 'focus');

    emitApp('second-instance');

    expect(restore).toHaveBeenCalledOnce();
    expect(focus).toHaveBeenCalledOnce();
  });

  it('closes the core before it lets the process quit', async () => {
    const host = fakeHost();
    await runDesktopApp({ startHost: async () => host, argv: [], log: silentLogger() });
    const quit = vi.spyOn(app, 'quit');
    const firstQuit = { preventDefault: vi.fn() };

    emitApp('will-quit', firstQuit);
    await vi.waitFor(() => expect(quit).toHaveBeenCalledOnce());
    const secondQuit = { preventDefault: vi.fn() };
    emitApp('will-quit', secondQuit);

    expect(firstQuit.preventDefault).toHaveBeenCalledOnce();
    expect(host.close).toHaveBeenCalledOnce();
    expect(secondQuit.preventDefault).not.toHaveBeenCalled();
    expect(electron.state.ipcChannels.size).toBe(0);
  });

  it('says why and exits when the core cannot start', async () => {
    const showErrorBox = vi.spyOn(dialog, 'showErrorBox');
    const exit = vi.spyOn(app, 'exit');
    const startHost = async (): Promise<Host> => {
      throw new Error('database is locked');
    };

    await runDesktopApp({ startHost, argv: [], log: silentLogger() });

    expect(showErrorBox.mock.calls[0]?.[1]).toContain('database is locked');
    expect(exit).toHaveBeenCalledWith(1);
    expect(electron.state.windows).toHaveLength(0);
  });
});
