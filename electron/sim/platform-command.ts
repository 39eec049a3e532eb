// `sim platform`: runs the city platform simulator on its own, for the demo site, training mode
// and end-to-end tests in another process: the reference profile by default, or http-token or
// tcp-frames with `--profile`. Prints one JSON line `{"ready":true,"url":...}` on stdout once it
// listens; logs go to stderr.
import { parseArgs } from 'node:util';
import { createRootLogger, type Logger } from '../log/logger.ts';
import { startPlatformSim } from './platform.ts';
import { startHttpTokenSim } from './platform-http-token.ts';
import { startTcpFramesSim } from './platform-tcp-frames.ts';
import type { ProfileSimFaults } from './platform-intake.ts';

export const PLATFORM_USAGE =
  'usage: sim platform --app-id ID --secret SECRET [--port N] [--host H] [--state FILE] '
  + '[--profile reference|http-token|tcp-frames] [--token-every N] [--token-ttl-ms MS]';

const PROFILES = ['reference', 'http-token', 'tcp-frames'];

/** The same floor as the site config: a shorter shared secret is guessable. */
const MIN_SECRET_LENGTH = 16;

export interface PlatformCommandIo {
  stdout: { write(text: string): unknown };
  log?: Logger;
}

export async function runPlatformCommand(
  args: string[],
  io: PlatformCommandIo = { stdout: process.stdout },
): Promise<{ close(): Promise<void> }> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: '0' },
      host: { type: 'string', default: '127.0.0.1' },
      'app-id': { type: 'string' },
      secret: { type: 'string' },
      state: { type: 'string' },
      profile: { type: 'string', default: 'reference' },
      'token-every': { type: 'string' },
      'token-ttl-ms': { type: 'string' },
    },
    strict: true,
  });
  const port = Number(values.port);
  const appId = values['app-id'];
  const secret = values.secret;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(PLATFORM_USAGE);
  if (!appId || !secret) throw new Error(PLATFORM_USAGE);
  if (!PROFILES.includes(values.profile)) throw new Error(PLATFORM_USAGE);
  const faults = tokenFaults(values['token-every'], values['token-ttl-ms']);
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new Error(`--secret must be at least ${MIN_SECRET_LENGTH} characters`);
  }

  const log = io.log ?? createRootLogger({ stderr: true });
  const common = { port, host: values.host, appId, secret, stateFile: values.state, log };
  const sim = await startProfileSim(values.profile, common, faults);

  io.stdout.write(`${JSON.stringify({ ready: true, url: sim.url, port: sim.port })}\n`);
  return { close: () => sim.stop() };
}

type CommonOptions = Parameters<typeof startPlatformSim>[0];

async function startProfileSim(
  profile: string, common: CommonOptions, faults: ProfileSimFaults,
): Promise<{ url: string; port: number; stop(): Promise<void> }> {
  if (profile === 'http-token') return startHttpTokenSim({ ...common, faults });
  if (profile === 'tcp-frames') return startTcpFramesSim(common);
  return startPlatformSim(common);
}

/** The http-token simulator's token expiry, from the command line. */
function tokenFaults(every: string | undefined, ttlMs: string | undefined): ProfileSimFaults {
  const faults: ProfileSimFaults = {};
  if (every !== undefined) faults.tokenEveryRequests = positive(every, '--token-every');
  if (ttlMs !== undefined) faults.tokenTtlMs = positive(ttlMs, '--token-ttl-ms');
  return faults;
}

function positive(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} must be a positive integer`);
  return n;
}
