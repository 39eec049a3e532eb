// `sim platform`: runs the city platform simulator on its own, for the demo site, training mode
// and end-to-end tests in another process. Prints one JSON line `{"ready":true,"url":...}` on
// stdout once it listens; logs go to stderr.
import { parseArgs } from 'node:util';
import { createRootLogger, type Logger } from '../log/logger.ts';
import { startPlatformSim } from './platform.ts';

export const PLATFORM_USAGE =
  'usage: sim platform --app-id ID --secret SECRET [--port N] [--host H] [--state FILE]';

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
    },
    strict: true,
  });
  const port = Number(values.port);
  const appId = values['app-id'];
  const secret = values.secret;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(PLATFORM_USAGE);
  if (!appId || !secret) throw new Error(PLATFORM_USAGE);
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new Error(`--secret must be at least ${MIN_SECRET_LENGTH} characters`);
  }

  const log = io.log ?? createRootLogger({ stderr: true });
  const sim = await startPlatformSim({
    port, host: values.host, appId, secret, stateFile: values.state, log,
  });

  io.stdout.write(`${JSON.stringify({ ready: true, url: sim.url, port: sim.port })}\n`);
  return { close: () => sim.stop() };
}
