// The main window's fence, checked against a mocked Electron: what the BrowserWindow is built
// with, the policy header every response gets, and what the web contents refuse.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  const state = {
    windowOptions: [] as Record<string, unknown>[],
    loaded: [] as string[],
    headersHandler: null as null | ((details: unknown, cb: (r: unknown) => void) => void),
    permissionHandler: null as null | ((wc: unknown, p: string, cb: (ok: boolean) => void) => void),
    contentsHandlers: new Map<string, ((event: unknown) => void)[]>(),
    openHandler: null as null | (() => unknown),
    downloads: [] as string[],
  };
  const contents = {
    setWindowOpenHandler: (fn: () => unknown) => {
      state.openHandler = fn;
    },
    on: (name: string, fn: (event: unknown) => void) =>
      state.contentsHandlers.set(name, [...(state.contentsHandlers.get(name) ?? []), fn]),
    downloadURL: (url: string) => state.downloads.push(url),
  };
  class BrowserWindow {
    webContents = contents;
    constructor(options: Record<string, unknown>) {
      state.windowOptions.push(options);
    }
    once() {}
    show() {}
    async loadFile(file: string) {
      state.loaded.push(file);
    }
  }
  const defaultSession = {
    webRequest: {
      onHeadersReceived: (fn: typeof state.headersHandler) => {
        state.headersHandler = fn;
      },
    },
    setPermissionRequestHandler: (fn: typeof state.permissionHandler) => {
      state.permissionHandler = fn;
    },
  };
  const module = {
    app: { getAppPath: () => '/opt/Gatehouse/resources/app.asar' },
    BrowserWindow,
    session: { defaultSession },
  };
  return { state, module };
});

vi.mock('electron', () => electron.module);

const { CONTENT_SECURITY_POLICY, createMainWindow, isAppPageUrl } = await import('./window.ts');
const INDEX_URL = 'file:///opt/Gatehouse/resources/app.asar/dist/renderer/index.html';
const MEDIA_ORIGIN = 'http://127.0.0.1:50123';
const EXPORT_ID = '0b6f3c1e-7d2a-4e4f-9c1a-5d0e8b7f6a21';

/** What the web contents' listeners do with one event, as Electron would emit it. */
function emitContents(name: string, event: unknown): void {
  for (const listener of electron.state.contentsHandlers.get(name) ?? []) listener(event);
}

function navigation(url: string) {
  return { url, preventDefault: vi.fn() };
}

function headersAfterPolicy(responseHeaders: Record<string, string[]>): Record<string, string[]> {
  let result: { responseHeaders: Record<string, string[]> } | undefined;
  electron.state.headersHandler?.({ url: INDEX_URL, responseHeaders }, (r) => {
    result = r as typeof result;
  });
  if (!result) throw new Error('the headers handler did not answer');
  return result.responseHeaders;
}

describe('the main window', () => {
  beforeEach(() => {
    electron.state.windowOptions.length = 0;
    electron.state.loaded.length = 0;
    electron.state.contentsHandlers.clear();
    electron.state.downloads.length = 0;
    createMainWindow({ mediaOrigin: MEDIA_ORIGIN });
  });

  it('runs the renderer isolated, sandboxed and without Node, with the bundled preload', () => {
    const prefs = electron.state.windowOptions[0]?.webPreferences as Record<string, unknown>;

    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.preload).toBe('/opt/Gatehouse/resources/app.asar/dist/preload/preload.cjs');
    expect(String(prefs.preload).endsWith('preload.cjs')).toBe(true);
  });

  it('loads the built renderer page from the app', () => {
    expect(electron.state.loaded).toEqual([
      '/opt/Gatehouse/resources/app.asar/dist/renderer/index.html',
    ]);
  });

  it('puts our Content-Security-Policy on every response, replacing any other', () => {
    const headers = headersAfterPolicy({
      'content-security-policy': ["default-src *; script-src 'unsafe-eval'"],
      'Content-Type': ['text/html'],
    });

    expect(headers['Content-Security-Policy']).toHaveLength(1);
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['Content-Type']).toEqual(['text/html']);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });

  it("lets video come from the core's media server, and from nowhere else", () => {
    const policy = headersAfterPolicy({})['Content-Security-Policy']![0]!;
    const directive = (name: string) => policy.split('; ').find((d) => d.startsWith(`${name} `));

    expect(directive('media-src')).toBe(`media-src 'self' blob: ${MEDIA_ORIGIN}`);
    expect(directive('connect-src')).toBe("connect-src 'self' ws://127.0.0.1:50123");
    expect(policy).not.toContain('127.0.0.1:*');
  });

  it("names the media server to the preload, on the renderer's command line", () => {
    const prefs = electron.state.windowOptions[0]?.webPreferences as Record<string, unknown>;

    expect(prefs.additionalArguments).toEqual([`--gatehouse-media-origin=${MEDIA_ORIGIN}`]);
  });

  it('saves an export from the media server instead of navigating to it', () => {
    const file = `/api/media/export/${EXPORT_ID}.mp4`;
    const download = navigation(`${MEDIA_ORIGIN}${file}?token=t&download=1`);
    const clip = navigation(`${MEDIA_ORIGIN}/api/media/clip/${EXPORT_ID}.mp4?token=t`);
    const elsewhere = navigation(`http://127.0.0.1:9${file}?token=t&download=1`);

    for (const event of [download, clip, elsewhere]) emitContents('will-navigate', event);

    expect(electron.state.downloads).toEqual([download.url]);
    for (const event of [download, clip, elsewhere]) {
      expect(event.preventDefault).toHaveBeenCalledOnce();
    }
  });

  it('opens no new windows and navigates nowhere but our page', () => {
    expect(electron.state.openHandler?.()).toEqual({ action: 'deny' });

    const away = navigation('https://example.com/');
    const hashRoute = navigation(`${INDEX_URL}#/passages`);
    emitContents('will-navigate', away);
    emitContents('will-navigate', hashRoute);

    expect(away.preventDefault).toHaveBeenCalledOnce();
    expect(hashRoute.preventDefault).not.toHaveBeenCalled();
  });

  it('refuses camera, microphone and the like, and attaches no webview', () => {
    const answers: Record<string, boolean> = {};
    for (const permission of ['media', 'geolocation', 'notifications', 'fullscreen']) {
      electron.state.permissionHandler?.({}, permission, (ok) => {
        answers[permission] = ok;
      });
    }
    const attach = { preventDefault: vi.fn() };
    emitContents('will-attach-webview', attach);

    expect(answers).toEqual({
      media: false, geolocation: false, notifications: false, fullscreen: true,
    });
    expect(attach.preventDefault).toHaveBeenCalledOnce();
  });

  it('knows its own page by URL, not by a look-alike', () => {
    expect(isAppPageUrl(`${INDEX_URL}?lang=zh-CN#/lanes`)).toBe(true);
    expect(isAppPageUrl('file:///tmp/dist/renderer/index.html')).toBe(false);
    expect(isAppPageUrl('not a url')).toBe(false);
  });
});
