// The wizard's form values and the site draft the core saves, both ways. Cameras carry their
// lane and role (LPR or overview) in the form, as the installer assigns them; the site keeps the
// assignment on the lane. A password field left empty means "keep the saved one".
import type { SiteDraft, SiteView } from '../../../electron/api/contract.ts';

export type CameraRole = 'lpr' | 'overview';
export type BarrierKind = 'modbus-rtu' | 'modbus-tcp' | 'camera-reply';

export interface CameraForm {
  id: string;
  name: string;
  vendor: string;
  address: string;
  serialNo?: string;
  onvifUrl?: string;
  onvifUsername?: string;
  onvifPassword?: string;
  /** Whether the core holds a password for this camera already. */
  passwordSet?: boolean;
  laneId?: string;
  role: CameraRole;
  record: boolean;
  /** Fields other steps or later versions set (event stream, allowlist): kept as they are. */
  [other: string]: unknown;
}

export interface LaneForm {
  id: string;
  gateId: string;
  name: string;
  nameEn: string;
  direction: 'in' | 'out';
  /** The barrier as saved, kind first; the form edits the fields of the kinds it knows. */
  barrier: { kind: string } & Record<string, unknown>;
}

export interface WizardValues {
  enterprise: SiteDraft['enterprise'];
  gates: Array<{ id: string; name: string }>;
  lanes: LaneForm[];
  cameras: CameraForm[];
  lpr: { host: string; port: number };
  storage: { root?: string };
  platform: { profile?: 'reference' | 'http-token' | 'tcp-frames'; url: string; appId: string;
    secret?: string; secretSet?: boolean };
}

/** The LPR listener's port on a new site: what the demo and the camera manuals use. */
export const DEFAULT_LPR_PORT = 8085;

export function emptyValues(): WizardValues {
  return {
    enterprise: { code: '', name: '', uscc: '', regionCode: '', industry: 'cement',
      performanceLevel: 'unrated' },
    gates: [{ id: 'gate-1', name: '1号门' }],
    lanes: [],
    cameras: [],
    lpr: { host: '0.0.0.0', port: DEFAULT_LPR_PORT },
    storage: {},
    platform: { profile: 'reference', url: '', appId: '' },
  };
}

export function valuesFromView(site: SiteView): WizardValues {
  const assignment = (cameraId: string): Pick<CameraForm, 'laneId' | 'role'> => {
    const lpr = site.lanes.find((l) => l.cameraId === cameraId);
    if (lpr) return { laneId: lpr.id, role: 'lpr' };
    const overview = site.lanes.find((l) => l.overviewCameraId === cameraId);
    return overview ? { laneId: overview.id, role: 'overview' } : { role: 'lpr' };
  };
  return {
    enterprise: site.enterprise,
    gates: site.gates,
    lanes: site.lanes.map(({ cameraId: _c, overviewCameraId: _o, ...lane }) => lane),
    cameras: site.cameras.map(({ onvif, ...c }) => ({
      ...c, onvifUrl: onvif?.url, onvifUsername: onvif?.username,
      passwordSet: onvif?.passwordSet ?? false, ...assignment(c.id),
    })),
    lpr: site.lpr,
    storage: site.storage ?? {},
    platform: { ...site.platform },
  };
}

export type DraftResult = { ok: true; draft: SiteDraft } | { ok: false; problem: string };

/** The draft to save, or the first thing the installer still has to fill in. */
export function draftFromValues(v: WizardValues): DraftResult {
  const lanes = [];
  for (const lane of v.lanes) {
    const lpr = v.cameras.find((c) => c.laneId === lane.id && c.role === 'lpr');
    if (!lpr) return { ok: false, problem: lane.name || lane.id };
    const overview = v.cameras.find((c) => c.laneId === lane.id && c.role === 'overview');
    lanes.push({ ...lane, cameraId: lpr.id, overviewCameraId: overview?.id });
  }

  const cameras = v.cameras.map((c) => {
    const { onvifUrl, onvifUsername, onvifPassword, passwordSet: _p, laneId: _l, role: _r,
      ...camera } = c;
    return {
      ...camera, serialNo: c.serialNo || undefined, record: c.record ?? false,
      onvif: onvifUrl ? { url: onvifUrl, username: onvifUsername ?? '',
        password: onvifPassword || undefined } : undefined,
    };
  });
  const { secretSet: _s, secret, ...platform } = v.platform;
  return {
    ok: true,
    draft: {
      enterprise: v.enterprise, gates: v.gates, lanes, cameras,
      lpr: { host: v.lpr.host, port: Number(v.lpr.port) },
      platform: { ...platform, secret: secret || undefined },
      storage: v.storage.root ? { root: v.storage.root } : undefined,
    },
  };
}
