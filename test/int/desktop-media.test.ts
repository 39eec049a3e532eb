// The desktop window's video path with the real host: started as the Electron shell starts it
// (no HTTP API, the window's media server on), logged in over the real IPC bridge (ipcMain
// mocked), and the media server asked with the token that login handed the window. Same
// session table on both sides: the login opens the media, the logout closes it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startHost, type RunningHost } from '../../electron/host/host.ts';
import { silentLogger } from '../../electron/log/logger.ts';
import { ipcHandlers } from '../support/ipc-main.ts';
import { upgradeOutcome } from '../support/socket.ts';

vi.mock('electron', () => import('../support/ipc-main.ts'));

const { attachIpcBridge } = await import('../../electron/shell/ipc-bridge.ts');

const APP_URL = 'file:///opt/Gatehouse/resources/app.asar/dist/renderer/index.html';
const WINDOW = { id: 1, once() {}, isDestroyed: () => false, send() {} };
const CLIP = '/api/media/clip/0b6f3c1e-7d2a-4e4f-9c1a-5d0e8b7f6a21.mp4';

let dir: string;
let host: RunningHost;

/** A call from the window, as its preload sends it. */
function callFromWindow(name: string, input: unknown): Promise<any> {
  const handler = ipcHandlers.get('gatehouse:call')!;
  return handler({ sender: WINDOW, senderFrame: { parent: null, url: APP_URL } }, name, input);
}

async function status(path: string): Promise<number> {
  const res = await fetch(`${host.mediaOrigin}${path}`);
  await res.arrayBuffer();
  return res.status;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-desktop-media-'));
  host = await startHost({ dataDir: dir, demo: false, serveHttp: false, serveWindowMedia: true });
  attachIpcBridge(host, silentLogger(), { isTrustedUrl: (url) => url === APP_URL });
});

afterAll(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('video in the desktop window', () => {
  it('has a media origin on loopback, and no HTTP API', () => {
    expect(host.mediaOrigin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.uiUrl).toBeNull();
  });

  it('opens to the token of a login over IPC and closes again at its logout', async () => {
    const login = await callFromWindow('auth.setupInstaller', { username: 'wang',
      displayName: '王工', password: 'chosen-by-wang-1' });
    const token = login.value.token as string;
    const live = `${host.mediaOrigin!.replace('http', 'ws')}/api/live/cam-east?token=${token}`;

    // Signed in, the request reaches the video endpoints; this site has no cameras yet.
    expect(await status(`${CLIP}?token=${token}`)).toBe(404);
    expect(await upgradeOutcome(live, 'file://')).toBe('404');
    expect(await status(CLIP)).toBe(401);

    await callFromWindow('auth.logout', {});

    expect(await status(`${CLIP}?token=${token}`)).toBe(401);
    expect(await upgradeOutcome(live, 'file://')).toBe('401');
  });
});
