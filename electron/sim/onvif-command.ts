// `sim onvif`: a simulated ONVIF camera on its own (device and media services, a Digest-guarded
// JPEG snapshot, WS-Discovery answers) so end-to-end tests and the installer's training mode
// can discover, add and test a camera. Prints one JSON line `{"ready":true,...}` on stdout once
// it answers; logs go to stderr.
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { createRootLogger } from '../log/logger.ts';
import { resourcePath } from '../config/paths.ts';
import { startOnvifResponder } from './onvif-responder.ts';

export const ONVIF_USAGE =
  'usage: sim onvif --password P [--username admin] [--host H] [--port N]' +
  ' [--stream-uri rtsp://…] [--discovery-port N | --multicast] [--clock-offset-ms N]' +
  ' [--auth ws-security|digest] [--name NAME]';

export async function runOnvifCommand(args: string[]): Promise<{ close(): Promise<void> }> {
  const { values } = parseArgs({
    args,
    options: {
      username: { type: 'string', default: 'admin' },
      password: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '0' },
      'stream-uri': { type: 'string', default: 'rtsp://127.0.0.1:8554/cam1' },
      'discovery-port': { type: 'string', default: '0' },
      multicast: { type: 'boolean', default: false },
      'clock-offset-ms': { type: 'string', default: '0' },
      auth: { type: 'string', default: 'ws-security' },
      name: { type: 'string', default: 'GatehouseSim' },
    },
    strict: true,
  });
  const numbers = [values.port, values['discovery-port'], values['clock-offset-ms']].map(Number);
  const auth = values.auth;
  if (!values.password || !numbers.every(Number.isInteger) ||
    (auth !== 'ws-security' && auth !== 'digest')) {
    throw new Error(ONVIF_USAGE);
  }

  const log = createRootLogger({ stderr: true });
  const camera = await startOnvifResponder({
    host: values.host, port: numbers[0], username: values.username, password: values.password,
    streamUri: values['stream-uri'], clockOffsetMs: numbers[2], auth, name: values.name,
    snapshot: readFileSync(resourcePath('demo', 'scene.jpg')),
    discovery: { port: numbers[1], multicast: values.multicast }, log,
  });

  process.stdout.write(`${JSON.stringify({ ready: true, url: camera.url,
    discoveryPort: camera.discoveryPort })}\n`);
  return { close: () => camera.stop() };
}
