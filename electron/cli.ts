// The Gatehouse command line: the headless host that servers, tests and this team's machines
// run, and the demo. `gatehouse --demo` runs the demo site; `gatehouse init` creates the
// installer account of a production data folder. See README for every flag.
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { startHost, type RunningHost } from './host/host.ts';
import { runInit } from './host/init-command.ts';
import { runVerifyExport } from './ledger/verify-command.ts';
import { hasDisplay, tryStartElectron } from './shell-launch/launch.ts';
import { APP_ROOT, UI_DIR } from './config/paths.ts';
import { demoSummary, summaryFailed } from './host/summary.ts';
import { createRootLogger } from './log/logger.ts';
import {
  DEMO_LANE1_CAMERAS, DEMO_LANE2_CAMERAS, type DemoLane1Camera, type DemoLane2Camera,
} from './sim/demo-cameras.ts';

const out = (line: string) => process.stdout.write(`${line}\n`);

/** After --seconds, the outbox gets this long to deliver what is still pending. */
const FINAL_DRAIN_MS = 30_000;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    demo: { type: 'boolean', default: false },
    production: { type: 'boolean', default: false },
    headless: { type: 'boolean', default: false },
    data: { type: 'string' },
    seconds: { type: 'string' },
    'api-port': { type: 'string' },
    'lpr-port': { type: 'string' },
    serial: { type: 'string' },
    'modbus-tcp-port': { type: 'string' },
    'platform-url': { type: 'string' },
    'pulse-ms': { type: 'string' },
    'no-trucks': { type: 'boolean', default: false },
    'no-camera': { type: 'boolean', default: false },
    'lane1-camera': { type: 'string' },
    'lane2-camera': { type: 'string' },
    username: { type: 'string' },
    'display-name': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

const port = (v: string | undefined) => (v === undefined ? undefined : Number(v));
const demo = values.demo && !values.production;
const dataDir = resolve(values.data ?? join(APP_ROOT, demo ? '.gatehouse-data/demo' :
  '.gatehouse-data/site'));

async function main(): Promise<number> {
  if (values.help) {
    out('usage: gatehouse [--demo] [--headless] [--data DIR] [--seconds N] [--api-port N]');
    out('       [--lpr-port N] [--serial PATH | --modbus-tcp-port N] [--platform-url URL]');
    out('       [--pulse-ms N] [--no-trucks] [--no-camera]');
    out(`       [--lane1-camera ${DEMO_LANE1_CAMERAS.join('|')}]`);
    out(`       [--lane2-camera ${DEMO_LANE2_CAMERAS.join('|')}]`);
    out('       gatehouse init --data DIR --username NAME   (password read from stdin)');
    out('       gatehouse verify-export [FILE] --data DIR   (passages export, xlsx or csv)');
    return 0;
  }
  if (positionals[0] === 'init') {
    return runInit({ dataDir, username: values.username, displayName: values['display-name'] });
  }
  if (positionals[0] === 'verify-export') return runVerifyExport(dataDir, positionals[1], out);

  buildIfMissing(true);
  if (!values.headless && values.seconds === undefined) {
    if (!hasDisplay()) {
      out('no display found: running headless (pass --headless to skip this check)');
    } else {
      buildIfMissing(false);
      const electronArgs = [demo ? '--demo' : '', `--data=${dataDir}`].filter(Boolean);
      const started = await tryStartElectron(electronArgs, createRootLogger({ stderr: true }));
      if (started.ok) {
        await new Promise((r) => started.child.once('exit', r));
        return 0;
      }
      out(`the desktop window could not start (${started.why}); running headless instead`);
    }
  }

  const host = await startHost({
    dataDir, demo, serveHttp: true, logToStderr: false,
    pulseMs: port(values['pulse-ms']),
    demoFlags: {
      apiPort: port(values['api-port']), lprPort: port(values['lpr-port']),
      serial: values.serial, modbusTcpPort: port(values['modbus-tcp-port']),
      platformUrl: values['platform-url'], trucks: !values['no-trucks'],
      camera: !values['no-camera'],
      cameras: demoCameraFlags(),
    },
  });

  out(JSON.stringify({ ready: true, ui: host.uiUrl, lprPort: host.lprPort, dataDir,
    skipped: host.skipped }));
  out(`Gatehouse is running${demo ? ' the demo site' : ''}: open ${host.uiUrl}`);
  for (const [link, why] of Object.entries(host.skipped)) out(`not running: ${link} — ${why}`);

  if (values.seconds !== undefined) return runFor(host, Number(values.seconds));
  await waitForSignal();
  await host.close();
  return 0;
}

async function runFor(host: RunningHost, seconds: number): Promise<number> {
  await Promise.race([sleep(seconds * 1000), waitForSignal()]);
  await host.stopInputs();
  await host.drainOutbox(FINAL_DRAIN_MS);

  const summary = demoSummary(host);
  await host.close();
  out(JSON.stringify(summary));
  return summaryFailed(summary) ? 1 : 0;
}

/** The demo's --lane1-camera / --lane2-camera; an unknown vendor stops the start. */
function demoCameraFlags(): { lane1?: DemoLane1Camera; lane2?: DemoLane2Camera } {
  const lane1 = values['lane1-camera'];
  const lane2 = values['lane2-camera'];
  if (lane1 !== undefined && !(DEMO_LANE1_CAMERAS as readonly string[]).includes(lane1)) {
    throw new Error(`--lane1-camera must be one of ${DEMO_LANE1_CAMERAS.join(', ')}`);
  }
  if (lane2 !== undefined && !(DEMO_LANE2_CAMERAS as readonly string[]).includes(lane2)) {
    throw new Error(`--lane2-camera must be one of ${DEMO_LANE2_CAMERAS.join(', ')}`);
  }
  // Only the flags given: an undefined entry would override the default vendor.
  return {
    ...(lane1 === undefined ? {} : { lane1: lane1 as DemoLane1Camera }),
    ...(lane2 === undefined ? {} : { lane2: lane2 as DemoLane2Camera }),
  };
}

function waitForSignal(): Promise<void> {
  return new Promise((r) => {
    process.once('SIGINT', () => r());
    process.once('SIGTERM', () => r());
  });
}

/**
 * A fresh clone has no built UI (or desktop bundles); build what is missing once, in a few
 * seconds, before serving it or starting the window.
 */
function buildIfMissing(rendererOnly: boolean): void {
  const build = join(APP_ROOT, 'scripts', 'build.ts');
  if (!existsSync(build)) return;
  if (rendererOnly && existsSync(join(UI_DIR, 'index.html'))) return;
  out('building what is missing of the app…');
  const args = [build, '--if-missing', ...(rendererOnly ? ['--renderer-only'] : [])];
  spawnSync(process.execPath, args, { stdio: 'inherit', cwd: APP_ROOT });
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    process.stderr.write(`gatehouse: ${err.stack ?? err.message}\n`);
    process.exit(1);
  },
);
