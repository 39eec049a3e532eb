// The cameras whose reads Gatehouse fetches rather than receives: for each camera configured
// with a `stream`, one event stream held open (event-stream.ts) and read by its vendor's
// interpreter, or for a Hikvision …/vehicleDetect/plates URL a poll (hikvision-poll.ts).
// Reads go through the same intake as pushed ones and on to the lane. Only Hikvision and Dahua
// serve such streams; Vzenith and Huaxia only push.
import type { CameraConfig } from '../../config/site.ts';
import { subsystemLogger, type Logger } from '../../log/logger.ts';
import { DEFAULT_CAMERA_ZONE } from './camera-time.ts';
import { DahuaStreamInterpreter } from './dahua-stream.ts';
import { openEventStream, type EventStream } from './event-stream.ts';
import { startPlatePolling, type PlatePolling } from './hikvision-poll.ts';
import { HikvisionStreamInterpreter } from './hikvision-stream.ts';
import type { PlateRead } from './plate-read.ts';
import type { PushResult } from './push-result.ts';
import { admitRead } from './read-intake.ts';
import type { StreamInterpreter } from './stream-interpreter.ts';
import { serialMatches } from './trust.ts';

/** A Hikvision `stream` URL of this form is polled (vehicleDetect/plates), not held open. */
const POLL_PATH = /\/vehicleDetect\/plates\b/;

export interface LprStreamsOptions {
  cameras: CameraConfig[];
  onRead: (read: PlateRead, camera: CameraConfig) => Promise<unknown>;
  /** A heartbeat (or a vehicle without a plate) came on the stream: the camera is alive. */
  onAlive?: (camera: CameraConfig, kind: 'heartbeat' | 'no-plate') => void;
  log: Logger;
}

export interface LprStreams {
  /** Camera id → whether its stream is open now. */
  states(): Map<string, boolean>;
  close(): Promise<void>;
}

export function startLprStreams(opts: LprStreamsOptions): LprStreams {
  const log = subsystemLogger(opts.log, 'lpr');
  const streams = new Map<string, EventStream | PlatePolling>();

  for (const camera of opts.cameras) {
    if (!camera.stream) continue;
    if (camera.vendor === 'hikvision' && POLL_PATH.test(camera.stream.url)) {
      streams.set(camera.id, startPlatePolling({ ...camera.stream, cameraId: camera.id,
        log: log.child({ camera: camera.id }),
        onResult: (result) => take(result, camera, opts, log) }));
      continue;
    }
    const interpreter = interpreterFor(camera);
    if (!interpreter) {
      log.error({ camera: camera.id, vendor: camera.vendor },
        'this vendor serves no event stream; the camera must push');
      continue;
    }
    streams.set(camera.id, openEventStream({
      url: camera.stream.url, username: camera.stream.username,
      password: camera.stream.password, interpreter, log: log.child({ camera: camera.id }),
      onResult: (result) => take(result, camera, opts, log),
    }));
  }

  return {
    states: () => new Map([...streams].map(([id, s]) => [id, s.connected()])),
    close: async () => {
      await Promise.all([...streams.values()].map((s) => s.close()));
    },
  };
}

function interpreterFor(camera: CameraConfig): StreamInterpreter | null {
  if (camera.vendor === 'hikvision') return new HikvisionStreamInterpreter(camera.id);
  if (camera.vendor !== 'dahua') return null;
  return new DahuaStreamInterpreter({
    cameraId: camera.id, timeZone: camera.timeZone ?? DEFAULT_CAMERA_ZONE,
    withPictures: /snapManager\.cgi/i.test(camera.stream?.url ?? ''),
  });
}

/**
 * One result of a stream. We opened the connection to the camera's own address, so its
 * identity is established; a serial it reports must still match the configured one.
 */
function take(
  result: PushResult, camera: CameraConfig, opts: LprStreamsOptions, log: Logger,
): void {
  const now = Date.now();
  const where = { camera: camera.id, via: 'stream' };
  if (result.kind === 'error') {
    log.warn({ ...where, reason: result.message }, 'unusable event on the stream');
    return;
  }
  const serial = result.kind === 'read' ? result.read.deviceSerial : result.deviceSerial;
  if (serial !== null && !serialMatches(camera, serial)) {
    log.warn({ ...where, serial }, 'stream event from another device serial; dropped');
    return;
  }

  if (result.kind === 'heartbeat') {
    opts.onAlive?.(camera, 'heartbeat');
    return;
  }
  if (result.kind === 'no-plate') {
    opts.onAlive?.(camera, 'no-plate');
    log.warn({ ...where, eventId: result.vendorEventId }, 'vehicle seen without a readable plate');
    return;
  }

  const read = admitRead(result.read, now, log, where);
  if ('refused' in read) {
    log.warn({ ...where, reason: read.refused }, 'stream read refused');
    return;
  }
  opts.onRead(read, camera).catch((err: unknown) =>
    log.error({ ...where, plate: read.plate, err }, 'lane failed to handle the read'));
}
