// The installer's calls (issue #3): the site as the setup wizard and Settings edit it, camera
// discovery and probing over ONVIF, and the tests of each device. Secrets travel one way only:
// a draft may carry a new password, a view says whether one is set, never what it is. Cameras
// and lanes carry through the fields the wizard does not edit (the core's site schema checks
// them), so a save never drops a lane display or a camera's event stream.
import { z } from 'zod';
import { checkRegionCode, checkUscc } from './enterprise-codes.ts';

const INSTALLER = ['installer'] as const;
const call = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({
  input, output, access: INSTALLER,
});

const id = z.string().regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and dashes');

export const enterpriseDraft = z.object({
  code: z.string().trim().min(1).max(32),
  name: z.string().trim().min(2).max(100),
  uscc: z.string().trim().toUpperCase()
    .refine((v) => checkUscc(v).ok, { message: 'uscc: not a valid GB 32100 code' }),
  regionCode: z.string().trim()
    .refine((v) => checkRegionCode(v).ok, { message: 'regionCode: not a GB/T 2260 code' }),
  industry: z.string().min(1),
  performanceLevel: z.enum(['A', 'B', 'B-', 'C', 'D', 'leading', 'unrated']),
  address: z.string().trim().min(1).optional(),
});

const onvifDraft = z.object({
  url: z.string().url(),
  username: z.string(),
  /** Absent: keep the password saved for this camera. */
  password: z.string().optional(),
});

export const cameraDraft = z.object({
  id,
  name: z.string().trim().min(1),
  vendor: z.string().min(1),
  address: z.string().trim().min(1),
  serialNo: z.string().trim().min(1).optional(),
  onvif: onvifDraft.optional(),
  record: z.boolean().default(false),
}).catchall(z.unknown());

/** The barrier's settings pass to the core's site schema, which knows every kind. */
const barrierDraft = z.object({ kind: z.string().min(1) }).catchall(z.unknown());

export const laneDraft = z.object({
  id,
  gateId: z.string().min(1),
  name: z.string().trim().min(1),
  nameEn: z.string().trim().min(1),
  direction: z.enum(['in', 'out']),
  cameraId: z.string().min(1),
  overviewCameraId: z.string().min(1).optional(),
  barrier: barrierDraft,
}).catchall(z.unknown());

export const platformDraft = z.object({
  profile: z.enum(['reference', 'http-token', 'tcp-frames']).optional(),
  url: z.string().url(),
  appId: z.string().trim().min(1),
  /** Absent: keep the saved secret. */
  secret: z.string().min(16).optional(),
});

export const siteDraft = z.object({
  enterprise: enterpriseDraft,
  gates: z.array(z.object({ id, name: z.string().trim().min(1) })).min(1),
  cameras: z.array(cameraDraft),
  lanes: z.array(laneDraft).min(1),
  lpr: z.object({ host: z.string().min(1), port: z.number().int().min(0).max(65535) }),
  platform: platformDraft,
  storage: z.object({ root: z.string().min(1) }).optional(),
});
export type SiteDraft = z.input<typeof siteDraft>;

/** What the wizard shows of a saved site: the draft's shape, secrets replaced by "set". */
export const siteView = siteDraft.extend({
  cameras: z.array(cameraDraft.extend({
    onvif: z.object({ url: z.string(), username: z.string(), passwordSet: z.boolean() })
      .optional(),
  })),
  platform: platformDraft.omit({ secret: true }).extend({ secretSet: z.boolean() }),
});
export type SiteView = z.output<typeof siteView>;

const discoveredCamera = z.object({
  /** The device service URL to probe. */
  url: z.string(),
  address: z.string(),
  /** The local interface address the probe that found it left from. */
  via: z.string(),
  name: z.string().nullable(),
  hardware: z.string().nullable(),
});

const cameraTarget = z.object({
  url: z.string().url(),
  username: z.string(),
  password: z.string().optional(),
  /** A saved camera whose password to use when none is typed. */
  cameraId: z.string().optional(),
});

export const cameraProbeView = z.object({
  manufacturer: z.string(),
  model: z.string(),
  serialNumber: z.string(),
  firmware: z.string(),
  /** Camera clock minus ours, in ms: 1970 cameras and local-time-as-UTC ones show here. */
  clockOffsetMs: z.number(),
  profiles: z.array(z.object({ token: z.string(), name: z.string(),
    width: z.number().nullable(), height: z.number().nullable() })),
  /** Without credentials. */
  streamUri: z.string().nullable(),
  snapshotUri: z.string().nullable(),
});

/** The platform test's outcomes the wizard words in the installer's language. */
export const PLATFORM_TEST_SAYINGS = ['platformAnswered', 'platformHeartbeat', 'platformSilent',
  'platformUnreachable', 'platformRefused', 'pushAllowed', 'pushDenied'] as const;
export type PlatformTestSaying = (typeof PLATFORM_TEST_SAYINGS)[number];

/** `detail` in English for logs and scripts; `say` when the UI can word it itself. */
const testOutcome = z.object({ ok: z.boolean(), detail: z.string(),
  say: z.object({ key: z.enum(PLATFORM_TEST_SAYINGS),
    values: z.record(z.string(), z.string()) }).optional() });

export const SETUP_CALLS = {
  'setup.site': call(z.object({}),
    z.object({ site: siteView.nullable(), lprPort: z.number().nullable() })),
  'setup.save': call(siteDraft,
    z.object({ lprPort: z.number().nullable(), changed: z.array(z.string()) })),
  'setup.discover': call(
    z.object({ addresses: z.array(z.string()).max(16).default([]),
      timeoutMs: z.number().int().min(200).max(10_000).default(2_000) }),
    z.array(discoveredCamera)),
  'setup.probeCamera': call(cameraTarget, cameraProbeView),
  'setup.snapshot': call(cameraTarget,
    z.object({ mime: z.string(), base64: z.string(), via: z.enum(['http', 'rtsp']) })),
  'setup.testPush': call(z.object({ cameraId: z.string(), plate: z.string().min(2).max(16) }),
    testOutcome),
  'setup.testPlatform': call(z.object({}), testOutcome),
  'setup.checkStorage': call(z.object({ root: z.string().min(1) }),
    z.object({ writable: z.boolean(), freeBytes: z.number().nullable(), detail: z.string() })),
} as const;
