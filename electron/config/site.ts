// The site configuration: the enterprise, its gates and lanes, the cameras and barriers on them,
// the listeners and the platform. Validated when read; the demo site is one instance of it.
import { z } from 'zod';

export const PERFORMANCE_LEVELS = ['A', 'B', 'B-', 'C', 'D', 'leading', 'unrated'] as const;

/** The platform profiles this build speaks (electron/sync/profiles/create-profile.ts). */
export const PLATFORM_PROFILES = ['reference', 'http-token', 'tcp-frames'] as const;
export type PlatformProfileName = (typeof PLATFORM_PROFILES)[number];

const modbusBarrier = z.object({
  kind: z.literal('modbus-rtu'),
  /** Serial device (COM3, /dev/ttyUSB0) of the RS-485 adapter. */
  path: z.string().min(1),
  baudRate: z.number().int().positive().default(9600),
  slave: z.number().int().min(1).max(247),
  coil: z.number().int().min(0),
  pulseMs: z.number().int().min(100).max(5000).default(500),
  timeoutMs: z.number().int().min(50).max(5000).default(500),
});

const modbusTcpBarrier = z.object({
  kind: z.literal('modbus-tcp'),
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535),
  slave: z.number().int().min(1).max(247),
  coil: z.number().int().min(0),
  pulseMs: z.number().int().min(100).max(5000).default(500),
  timeoutMs: z.number().int().min(50).max(5000).default(500),
});

const cameraReplyBarrier = z.object({ kind: z.literal('camera-reply') });

export const barrierConfig = z.discriminatedUnion('kind', [
  modbusBarrier, modbusTcpBarrier, cameraReplyBarrier,
]);
export type BarrierConfig = z.infer<typeof barrierConfig>;

export const cameraConfig = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string(),
  vendor: z.enum(['hikvision', 'vzenith']),
  /** Source address pushes must come from. */
  address: z.string().min(1),
  /** Serial number (Vzenith serialno) or MAC (Hikvision macAddress) when the vendor sends one. */
  serialNo: z.string().optional(),
  onvif: z
    .object({ url: z.string().url(), username: z.string(), password: z.string() })
    .optional(),
  record: z.boolean().default(false),
  /** The camera allows few RTSP sessions: the live view takes a copy of the recorder's own
   * session instead of opening another (issue #6). */
  shareRtspSession: z.boolean().optional(),
});
export type CameraConfig = z.infer<typeof cameraConfig>;

export const laneConfig = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  gateId: z.string(),
  name: z.string(),
  nameEn: z.string(),
  direction: z.enum(['in', 'out']),
  cameraId: z.string(),
  barrier: barrierConfig,
});
export type LaneConfig = z.infer<typeof laneConfig>;

export const siteConfig = z.object({
  enterprise: z.object({
    code: z.string(),
    name: z.string(),
    uscc: z.string(),
    regionCode: z.string().length(6),
    industry: z.string(),
    performanceLevel: z.enum(PERFORMANCE_LEVELS),
    address: z.string().min(1).optional(),
    /** WGS-84 decimal degrees of the plant's main gate. */
    longitude: z.number().min(-180).max(180).optional(),
    latitude: z.number().min(-90).max(90).optional(),
    /** The environmental contact (环保负责人). Personal data: never logged. */
    contact: z.object({ name: z.string().min(1), phone: z.string().min(1) }).optional(),
  }),
  gates: z.array(z.object({ id: z.string(), name: z.string() })).min(1),
  cameras: z.array(cameraConfig),
  lanes: z.array(laneConfig).min(1),
  lpr: z.object({ host: z.string().default('0.0.0.0'), port: z.number().int().min(0) }),
  api: z.object({ host: z.string().default('127.0.0.1'), port: z.number().int().min(0) }),
  platform: z.object({
    /** How this city's platform is spoken to (docs/platform-profiles.md); absent: reference. */
    profile: z.enum(PLATFORM_PROFILES).optional(),
    /** `http(s)://…` for the HTTP profiles, `tcp://host:port` for tcp-frames. */
    url: z.string().url(),
    appId: z.string(),
    secret: z.string().min(16),
    /** tcp-frames: seconds between heartbeats (M7); absent: 30. */
    heartbeatSeconds: z.number().int().min(5).max(600).optional(),
    /** A city's variant of the profile's code tables: a file under resources/platforms
     * (without .json) or an absolute path; absent: the profile's own table. */
    codeTable: z.string().min(1).optional(),
  }),
  recording: z.object({
    segmentSeconds: z.number().int().min(2).max(600).default(10),
    /** Folders footage is written to (data disks); absent: `<data folder>/recordings`. */
    roots: z.array(z.string().min(1)).min(1).optional(),
  }),
  ffmpegPath: z.string().optional(),
  /** Rule table file under resources/rules (or an absolute path). */
  rulesFile: z.string(),
});
export type SiteConfig = z.infer<typeof siteConfig>;

/** The gate a camera watches: that of its lane, else the site's first gate. */
export function gateOfCamera(site: SiteConfig, cameraId: string): string {
  return site.lanes.find((l) => l.cameraId === cameraId)?.gateId ?? site.gates[0]!.id;
}

/** The camera that records a gate's footage, or null when none of its cameras records. */
export function recordingCameraOfGate(site: SiteConfig, gateId: string): string | null {
  const camera = site.cameras.find((c) => c.record && gateOfCamera(site, c.id) === gateId);
  return camera?.id ?? null;
}
export type PlatformSettings = SiteConfig['platform'];
