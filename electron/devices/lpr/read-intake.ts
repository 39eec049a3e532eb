// The last step before a read reaches its lane, the same for pushed reads (listener.ts) and
// streamed ones (lpr-streams.ts): the plate must look like a plate, the capture time must be
// one this gate could have seen, and the installer's log gets one line per read.
import type { Logger } from '../../log/logger.ts';
import type { PlateRead } from './plate-read.ts';
import { implausiblePlate, plausibleCaptureTime } from './read-sanity.ts';

/** The read to hand to the lane, or why it is no read (the caller refuses or drops it). */
export function admitRead(
  read: PlateRead,
  receivedAt: number,
  log: Logger,
  where: Record<string, unknown>,
): PlateRead | { refused: string } {
  const badPlate = implausiblePlate(read.plate);
  if (badPlate) return { refused: `not a plate: ${badPlate}` };

  const time = plausibleCaptureTime(read.capturedAt, receivedAt);
  if (time.replaced) {
    log.warn({ ...where, cameraTime: String(read.capturedAt) },
      'camera clock implausible; the read is placed at its arrival time');
  }
  const admitted = { ...read, capturedAt: time.at };
  log.info(
    {
      ...where, plate: admitted.plate, color: admitted.plateColor,
      eventId: admitted.vendorEventId, offline: admitted.isOfflineReplay,
      images: admitted.images.length,
    },
    'plate read',
  );
  return admitted;
}
