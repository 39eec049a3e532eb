// Why a barrier did not open, as a kind the guard's page words in the guard's language. The
// driver's own sentence (which board, which port, what it answered) travels beside it as the
// detail for the installer; the kind is what a guard at a zh-CN gate reads.
import { z } from 'zod';

export const BARRIER_FAILURES = [
  /** The controller, board or camera did not answer in time. */
  'no-answer',
  /** An answer came but was wrong: bad CRC, the wrong frame, a reply that did not fit. */
  'bad-reply',
  /** The device answered and refused: a Modbus exception, HTTP 401, a camera's error code. */
  'refused',
  /** The serial port or network link is not there: unplugged adapter, connection refused. */
  'link-down',
  /** Gatehouse is stopping or reloading the site: the driver was closed. */
  'stopped',
  /** A lane opened only by the camera's reply to a read, whose camera takes no manual open. */
  'no-manual-open',
  /** The camera did not call in (heartbeat) in time to carry a manual open. */
  'camera-silent',
  /** An override of an offline replay: that truck passed while the lane was offline. */
  'offline-replay',
  'other',
] as const;

export const barrierFailure = z.enum(BARRIER_FAILURES);
export type BarrierFailure = z.infer<typeof barrierFailure>;
