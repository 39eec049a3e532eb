// The desktop app's life: one instance per PC, the core started inside the main process, one
// window bridged to it over IPC, and a quit that closes the core before the process ends.
import { app, dialog, type BrowserWindow } from 'electron';
import { join, resolve } from 'node:path';
import type { Host, HostOptions } from '../host/types.ts';
import { createRootLogger, subsystemLogger, type Logger } from '../log/logger.ts';
import { attachIpcBridge, type IpcBridge } from './ipc-bridge.ts';
import { createMainWindow, hardenWebContents, isAppPageUrl } from './window.ts';

/** Devices, the outbox and the database get this long to close before the process exits. */
const HOST_CLOSE_BUDGET_MS = 10_000;

const DATA_FLAG = '--data=';

export interface DesktopAppDeps {
  startHost(options: HostOptions): Promise<Host>;
  argv: readonly string[];
  /** Defaults to a logger writing logs/shell.log in the data folder and stderr. */
  log?: Logger;
}

/** Resolves once the window is open, or once the app has decided to quit. */
export async function runDesktopApp(deps: DesktopAppDeps): Promise<void> {
  // Two instances would fight over the relay board's serial port and the camera listener's
  // port: the second one hands over to the first and leaves.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  let window: BrowserWindow | null = null;
  app.on('second-instance', () => focus(window));
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => app.quit());
  await app.whenReady();

  const dataDir = dataDirFrom(deps.argv) ?? app.getPath('userData');
  const logFile = join(dataDir, 'logs', 'shell.log');
  const root = deps.log ?? createRootLogger({ file: logFile, stderr: true });
  const log = subsystemLogger(root, 'shell');

  const host = await startCore(deps, dataDir, log);
  if (!host) return;

  const bridge = attachIpcBridge(host, log, { isTrustedUrl: isAppPageUrl });
  closeCoreOnQuit(host, bridge, log);
  window = createMainWindow({ mediaOrigin: host.mediaOrigin });
  window.on('closed', () => {
    window = null;
  });
  log.info({ dataDir }, 'desktop window open');
}

/** `--data=DIR` (passed by the CLI's demo) overrides the user-data folder. */
export function dataDirFrom(argv: readonly string[]): string | null {
  const flag = argv.find((arg) => arg.startsWith(DATA_FLAG));
  return flag ? resolve(flag.slice(DATA_FLAG.length)) : null;
}

async function startCore(deps: DesktopAppDeps, dataDir: string, log: Logger): Promise<Host | null> {
  const demo = deps.argv.includes('--demo');
  try {
    // The window calls the core over IPC; only its video goes over HTTP, on loopback.
    return await deps.startHost({ dataDir, demo, serveHttp: false, serveWindowMedia: true });
  } catch (err) {
    const message = (err as Error).message;
    log.fatal({ err, dataDir }, 'the core could not start');
    dialog.showErrorBox('Gatehouse could not start', `${message}\n\nData folder: ${dataDir}`);
    app.exit(1);
    return null;
  }
}

/**
 * The first quit is held back until the core has closed: the recorder finishes its segment,
 * the barrier driver releases the serial port and SQLite checkpoints its WAL. The second pass
 * (our own app.quit below) goes through.
 */
function closeCoreOnQuit(host: Host, bridge: IpcBridge, log: Logger): void {
  let closing = false;
  app.on('will-quit', (event) => {
    if (closing) return;
    event.preventDefault();
    closing = true;

    bridge.dispose();
    withTimeout(host.close(), HOST_CLOSE_BUDGET_MS)
      .catch((err: unknown) => log.error({ err }, 'the core did not close cleanly'))
      .finally(() => app.quit());
  });
}

function focus(window: BrowserWindow | null): void {
  if (!window) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

function withTimeout(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`gave up after ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
