// The site configuration: the enterprise, its gates and lanes, the cameras and barriers on them,
// the listeners and the platform. Validated when read; the demo site is one instance of it.
import { z } from 'zod';
import { DEVICE_BARRIERS, laneDisplayConfig } from './device-config.ts';

export const PERFORMANCE_LEVELS = ['A', 'B', 'B-', 'C', 'D', 'leading', 'unrated'] as const;

/** The platform profiles this build speaks (electron/sync/profiles/create-profile.ts). */
export const PLATFORM_PROFILES = ['reference', 'http-token', 'tcp-frames'] as const;
export type PlatformProfileName = (typeof PLATFORM_PROFILES)[number];

/** Discrete-input numbers of the limit switches (开到位/关到位) and the loop (地感). */
const modbusInputs = z.object({
  openLimit: z.number().int().min(0).optional(),
  closedLimit: z.number().int().min(0).optional(),
  loop: z.number().int().min(0).optional(),
});

const modbusBarrier = z.object({
  kind: z.literal('modbus-rtu'),
  /** Serial device (COM3, /dev/ttyUSB0) of the RS-485 adapter. */
  path: z.string().min(1),
  baudRate: z.number().int().positive().default(9600),
  /** The USB adapter's serial number: finds it again after a replug under another name. */
  serialNumber: z.string().min(1).optional(),
  slave: z.number().int().min(1).max(247),
  coil: z.number().int().min(0),
  pulseMs: z.number().int().min(100).max(5000).default(500),
  timeoutMs: z.number().int().min(50).max(5000).default(500),
  /** Discrete inputs the board reads from the barrier, where it is wired to them. */
  inputs: modbusInputs.optional(),
  /** Read the board every this many seconds while idle, so a dead board shows before the
   * next truck finds it (device health); absent: only the lane's own opens tell. */
  probeSeconds: z.number().int().min(1).max(3600).optional(),
});

const modbusTcpBarrier = z.object({
  kind: z.literal('modbus-tcp'),
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535),
  slave: z.number().int().min(1).max(247),
  coil: z.number().int().min(0),
  pulseMs: z.number().int().min(100).max(5000).default(500),
  timeoutMs: z.number().int().min(50).max(5000).default(500),
  inputs: modbusInputs.optional(),
  /** Read the board every this many seconds while idle, so a dead board shows before the
   * next truck finds it (device health); absent: only the lane's own opens tell. */
  probeSeconds: z.number().int().min(1).max(3600).optional(),
});

const cameraReplyBarrier = z.object({ kind: z.literal('camera-reply') });

export const barrierConfig = z.discriminatedUnion('kind', [
  modbusBarrier, modbusTcpBarrier, cameraReplyBarrier, ...DEVICE_BARRIERS,
]);
export type BarrierConfig = z.infer<typeof barrierConfig>;

export const cameraConfig = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string(),
  vendor: z.enum(['hikvision', 'vzenith', 'dahua', 'huaxia']),
  /** Source address pushes must come from. */
  address: z.string().min(1),
  /** Serial number (Vzenith serialno) or MAC (Hikvision macAddress) when the vendor sends one. */
  serialNo: z.string().optional(),
  /** IANA zone of the camera's clock where it sends local time (Dahua); absent: Asia/Shanghai. */
  timeZone: z.string().min(1).optional(),
  /** Keep the camera's own allowlist in step with the registry (Hikvision: its ISAPI address
   * and login; Vzenith: through our replies, nothing to fill in). */
  allowlist: z.object({ url: z.string().url().optional(), username: z.string().optional(),
    password: z.string().optional() }).optional(),
  /** Refuse a push that reports no serial at all; absent: true when serialNo is set. */
  requireSerial: z.boolean().optional(),
  /** The camera's event stream Gatehouse holds open (Hikvision alertStream, Dahua attach)
   * instead of, or besides, its pushes. Digest credentials; the password is never logged. */
  stream: z
    .object({ url: z.string().url(), username: z.string(), password: z.string() })
    .optional(),
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
  /** A camera filming the whole lane for the evidence, beside the LPR camera (optional). */
  overviewCameraId: z.string().optional(),
  barrier: barrierConfig,
  /** The lane's LED/voice board (plate, stage, control state, pass/deny); absent: none. */
  display: laneDisplayConfig.optional(),
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
    /** Seconds between heartbeats (M7); absent: the profile's own (60 HTTP, 30 tcp-frames). */
    heartbeatSeconds: z.number().int().min(5).max(600).optional(),
    /** A city's variant of the profile's code tables: a file under resources/platforms
     * (without .json) or an absolute path; absent: the profile's own table. */
    codeTable: z.string().min(1).optional(),
  }),
  recording: z.object({
    segmentSeconds: z.number().int().min(2).max(600).default(10),
    /** Folders footage is written to (data disks); absent: the storage root, else the data
     * folder (footage goes under `<root>/recordings`). */
    roots: z.array(z.string().min(1)).min(1).optional(),
  }),
  /** Where photos and recordings go (a data disk); absent: the data folder. */
  storage: z.object({ root: z.string().min(1) }).optional(),
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
