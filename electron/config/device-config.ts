// The site configuration of the devices issue #3 added: barriers commanded through the camera's
// HTTP API or by a controller's own serial frames, and the lane's LED/voice display. site.ts
// spreads these into its unions; kept here so the device schema reads as one piece.
import { z } from 'zod';

/** A hex frame as the controller's manual prints it: "AA 01 01", "aa0101" or "AA-01-01". */
export const hexFrame = z.string().transform((s, ctx) => {
  const compact = s.replace(/[\s:-]/g, '').replace(/^0x/i, '');
  if (compact.length === 0 || compact.length % 2 !== 0 || !/^[0-9a-fA-F]+$/.test(compact)) {
    ctx.addIssue({ code: 'custom', message: `"${s}" is not a frame of hex bytes` });
    return z.NEVER;
  }
  return compact.toLowerCase();
});

/** How a controller's frame is checked: appended over the bytes after `checksumSkip`. */
export const CHECKSUM_KINDS = ['none', 'sum8', 'xor8', 'crc16-modbus'] as const;
export type ChecksumKind = (typeof CHECKSUM_KINDS)[number];

/** An RS-485/USB adapter: its device name, and its serial number to find it again. */
const serialAdapter = {
  /** COM3, /dev/ttyUSB0: used as it is unless the serial number finds the adapter elsewhere. */
  path: z.string().min(1),
  baudRate: z.number().int().positive().default(9600),
  /** The USB adapter's own serial number (SerialPort.list): survives a replug on another COM. */
  serialNumber: z.string().min(1).optional(),
};

export const cameraCommandBarrier = z.object({
  kind: z.literal('camera-command'),
  vendor: z.enum(['hikvision', 'dahua']),
  /** The camera's web address, e.g. http://192.0.2.21 (its HTTP port if not 80). */
  url: z.string().url(),
  username: z.string().min(1),
  password: z.string(),
  channel: z.number().int().min(1).default(1),
  /** Dahua answers openStrobe within ~4 s even under ANPR load; past this it failed. */
  timeoutMs: z.number().int().min(200).max(15_000).default(5_000),
});
export type CameraCommandBarrierConfig = z.infer<typeof cameraCommandBarrier>;

export const serialFramesBarrier = z.object({
  kind: z.literal('serial-frames'),
  ...serialAdapter,
  /** The controller's OPEN frame, without its checksum. */
  openFrame: hexFrame,
  /** CLOSE: only for the installer's test; lanes never force a close onto a vehicle. */
  closeFrame: hexFrame.optional(),
  statusFrame: hexFrame.optional(),
  /** The controller's answer to OPEN (without checksum); absent: it answers nothing. */
  ackFrame: hexFrame.optional(),
  /** Where the status answer says it: that byte, `open`/`closed` values (hex). */
  statusByte: z.number().int().min(0).optional(),
  statusOpen: hexFrame.optional(),
  statusClosed: hexFrame.optional(),
  checksum: z.enum(CHECKSUM_KINDS).default('none'),
  /** Leading bytes (sync/header) left out of the checksum. */
  checksumSkip: z.number().int().min(0).default(0),
  timeoutMs: z.number().int().min(50).max(5000).default(500),
  /** Ask the status frame every this many seconds while idle (device health). */
  probeSeconds: z.number().int().min(1).max(3600).optional(),
});
export type SerialFramesBarrierConfig = z.infer<typeof serialFramesBarrier>;

/** Spread into site.ts's barrier union. */
export const DEVICE_BARRIERS = [cameraCommandBarrier, serialFramesBarrier] as const;

/** Where a lane's LED/voice board hangs: behind its camera's RS-485 port, or on our own. */
export const laneDisplayConfig = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('camera-passthrough'),
    /** The camera's RS-485 channel the board is wired to (Vzenith serialChannel). */
    serialChannel: z.number().int().min(0).default(0),
    address: z.number().int().min(0).max(255).default(1),
  }),
  z.object({
    kind: z.literal('serial'),
    ...serialAdapter,
    address: z.number().int().min(0).max(255).default(1),
  }),
]);
export type LaneDisplayConfig = z.infer<typeof laneDisplayConfig>;
