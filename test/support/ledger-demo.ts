// The ledger suites' world: the demo started as a user starts it (no camera, no scripted
// trucks), its lane-1 barrier a Modbus TCP relay board simulator on loopback, and Chromium.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../electron/log/logger.ts';
import { startModbusBoard } from '../../electron/sim/modbus-board.ts';
import { openBrowser, type Browser } from './browser.ts';
import { startDemo, type DemoReady, type Started } from './processes.ts';

export interface LedgerDemo {
  /** A temporary folder of the suite's own; the demo's data is in its `data/`. */
  dir: string;
  demo: Started<DemoReady>;
  browser: Browser;
  /** Closes the browser, the demo and the board, and removes the folder. */
  stop(): Promise<void>;
}

export async function startLedgerDemo(name: string): Promise<LedgerDemo> {
  const dir = mkdtempSync(join(tmpdir(), `gatehouse-${name}-`));
  const board = await startModbusBoard({ tcpPort: 0, host: '127.0.0.1', slave: 1,
    log: silentLogger() });
  let demo: Started<DemoReady> | undefined;
  let browser: Browser | undefined;
  const stop = async () => {
    await browser?.close();
    await demo?.stop();
    await board.close();
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    demo = await startDemo(['--demo', '--data', join(dir, 'data'), '--no-trucks', '--no-camera',
      '--modbus-tcp-port', String(board.port), '--pulse-ms', '100']);
    browser = await openBrowser();
  } catch (err) {
    await stop();
    throw err;
  }
  return { dir, demo, browser, stop };
}
