// The main window and the fence around it: an isolated, sandboxed renderer with no Node, a strict
// Content-Security-Policy on every response, no new windows, no navigation away from our page
// (an export's download link is saved instead), no <webview>, and no device permissions (video
// comes from our recorder through the core's media server, not the webcam).
import { app, BrowserWindow, session, type Session, type WebContents } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CONTENT_SECURITY_POLICY, allowingVideoFrom } from '../config/csp.ts';
import { mediaOriginArgument } from './media-origin-arg.ts';

export { CONTENT_SECURITY_POLICY };

/** A guard may enlarge a camera's live view; every other permission request is refused. */
const ALLOWED_PERMISSIONS = new Set(['fullscreen']);

const WINDOW_SIZE = { width: 1440, height: 900, minWidth: 1024, minHeight: 680 };

/** Paths inside the app (the project folder in development, app.asar when packaged). */
export function appFiles(): { indexHtml: string; preload: string } {
  const root = app.getAppPath();
  return {
    indexHtml: join(root, 'dist', 'renderer', 'index.html'),
    preload: join(root, 'dist', 'preload', 'preload.cjs'),
  };
}

/** True for our renderer page, whatever its hash route or query. */
export function isAppPageUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  parsed.hash = '';
  parsed.search = '';
  return parsed.href === pathToFileURL(appFiles().indexHtml).href;
}

/** An export's download link on the media server (`?download=1`). */
const EXPORT_DOWNLOAD_PATH = /^\/api\/media\/export\/[0-9a-f-]+\.mp4$/;

export interface MainWindowOptions {
  /** The core's media server (`http://127.0.0.1:<port>`), or null: no video in the window. */
  mediaOrigin: string | null;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const files = appFiles();
  const { mediaOrigin } = options;
  const policy = mediaOrigin
    ? allowingVideoFrom(CONTENT_SECURITY_POLICY, mediaOrigin)
    : CONTENT_SECURITY_POLICY;
  applyContentSecurityPolicy(session.defaultSession, policy);
  refuseDevicePermissions(session.defaultSession);

  const window = new BrowserWindow({
    ...WINDOW_SIZE,
    title: 'Gatehouse',
    show: false,
    autoHideMenuBar: true,
    backgroundColor: '#f5f5f5',
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      preload: files.preload,
      // The preload hands the origin to the page (media-origin-arg.ts).
      additionalArguments: mediaOrigin ? [mediaOriginArgument(mediaOrigin)] : [],
    },
  });
  hardenWebContents(window.webContents);
  if (mediaOrigin) saveExportDownloads(window.webContents, mediaOrigin);

  window.once('ready-to-show', () => window.show());
  void window.loadFile(files.indexHtml);
  return window;
}

/** Applied to every web contents the app creates (see app 'web-contents-created'). */
export function hardenWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));

  contents.on('will-navigate', (event) => {
    if (!isAppPageUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppPageUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/**
 * An export's download link leads to the media server, away from our page, which the fence
 * refuses: the window downloads the file instead (Electron asks the officer where to save it).
 */
function saveExportDownloads(contents: WebContents, mediaOrigin: string): void {
  contents.on('will-navigate', (event) => {
    if (isExportDownload(event.url, mediaOrigin)) contents.downloadURL(event.url);
  });
}

function isExportDownload(url: string, mediaOrigin: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.origin === mediaOrigin && EXPORT_DOWNLOAD_PATH.test(parsed.pathname) &&
    parsed.searchParams.get('download') === '1';
}

/** Sets the policy on every response, replacing any policy header the response carried. */
export function applyContentSecurityPolicy(target: Session, policy: string): void {
  target.webRequest.onHeadersReceived((details, callback) => {
    const headers: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() === 'content-security-policy') continue;
      headers[name] = value;
    }
    headers['Content-Security-Policy'] = [policy];
    callback({ responseHeaders: headers });
  });
}

function refuseDevicePermissions(target: Session): void {
  target.setPermissionRequestHandler((_contents, permission, callback) => {
    callback(ALLOWED_PERMISSIONS.has(permission));
  });
}
