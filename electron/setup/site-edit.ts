// Turning the wizard's draft into a site and a site back into what the wizard may see. A draft
// without a password keeps the one saved for the same camera (or the platform's saved secret),
// so an installer who changes a lane never retypes every camera password; a view never carries
// a secret, only whether one is set.
import type { z } from 'zod';
import { siteConfig, type SiteConfig } from '../config/site.ts';
import type { SiteView, siteDraft } from '../api/contract.ts';

type Draft = z.output<typeof siteDraft>;
export type DraftResult = { ok: true; site: SiteConfig } | { ok: false; message: string };

/** Where a new site's settings come from when the wizard does not ask for them. */
const NEW_SITE_DEFAULTS = {
  api: { host: '127.0.0.1', port: 8080 },
  recording: { segmentSeconds: 10 },
  rulesFile: 'national-cement.json',
};

export function siteToView(site: SiteConfig): SiteView {
  return {
    enterprise: {
      code: site.enterprise.code, name: site.enterprise.name, uscc: site.enterprise.uscc,
      regionCode: site.enterprise.regionCode, industry: site.enterprise.industry,
      performanceLevel: site.enterprise.performanceLevel, address: site.enterprise.address,
    },
    gates: site.gates,
    cameras: site.cameras.map((c) => ({
      id: c.id, name: c.name, vendor: c.vendor, address: c.address, serialNo: c.serialNo,
      record: c.record,
      onvif: c.onvif && { url: c.onvif.url, username: c.onvif.username,
        passwordSet: c.onvif.password !== '' },
    })),
    lanes: site.lanes.map((l) => ({ ...l, barrier: { ...l.barrier } })),
    lpr: site.lpr,
    platform: { profile: site.platform.profile, url: site.platform.url,
      appId: site.platform.appId, secretSet: site.platform.secret !== '' },
    storage: site.storage,
  };
}

export function siteFromDraft(draft: Draft, current: SiteConfig | null): DraftResult {
  const refs = checkReferences(draft);
  if (refs) return { ok: false, message: refs };

  const cameras = [];
  for (const camera of draft.cameras) {
    const { onvif, ...rest } = camera;
    if (!onvif) {
      cameras.push(rest);
      continue;
    }
    const saved = current?.cameras.find((c) => c.id === camera.id)?.onvif?.password;
    const password = onvif.password ?? saved;
    if (password === undefined) {
      return { ok: false, message: `camera ${camera.id}: the ONVIF password is not set` };
    }
    cameras.push({ ...rest, onvif: { ...onvif, password } });
  }

  const secret = draft.platform.secret ?? current?.platform.secret;
  if (secret === undefined) return { ok: false, message: 'platform: the secret is not set' };

  const candidate = {
    ...NEW_SITE_DEFAULTS,
    ...(current ?? {}),
    enterprise: { ...current?.enterprise, ...draft.enterprise },
    gates: draft.gates,
    cameras,
    lanes: draft.lanes,
    lpr: draft.lpr,
    platform: { ...current?.platform, ...draft.platform, secret },
    storage: draft.storage,
  };
  const parsed = siteConfig.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, message: `${issue.path.join('.')}: ${issue.message}` };
  }
  return { ok: true, site: parsed.data };
}

/** Every lane names a gate and cameras that exist; ids are unique. */
function checkReferences(draft: Draft): string | null {
  const gates = new Set(draft.gates.map((g) => g.id));
  const cameras = new Set(draft.cameras.map((c) => c.id));
  if (gates.size !== draft.gates.length) return 'gates: two gates have the same id';
  if (cameras.size !== draft.cameras.length) return 'cameras: two cameras have the same id';
  if (new Set(draft.lanes.map((l) => l.id)).size !== draft.lanes.length) {
    return 'lanes: two lanes have the same id';
  }

  for (const lane of draft.lanes) {
    if (!gates.has(lane.gateId)) return `lane ${lane.id}: no gate ${lane.gateId}`;
    if (!cameras.has(lane.cameraId)) return `lane ${lane.id}: no camera ${lane.cameraId}`;
    if (lane.overviewCameraId && !cameras.has(lane.overviewCameraId)) {
      return `lane ${lane.id}: no camera ${lane.overviewCameraId}`;
    }
  }
  return null;
}

/** The top-level sections a save changed, for the audit trail (never their secret values). */
export function changedSections(before: SiteConfig | null, after: SiteConfig): string[] {
  const keys = Object.keys(after) as Array<keyof SiteConfig>;
  return keys.filter((k) => JSON.stringify(before?.[k]) !== JSON.stringify(after[k]));
}
