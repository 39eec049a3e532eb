// Turning the wizard's draft into a site and a site back into what the wizard may see. A draft
// without a password keeps the one saved at the same place (secrets.ts), so an installer who
// changes a lane never retypes every camera password; a view never carries a secret, only
// whether one is set. Fields the wizard does not edit (a lane's display, a camera's event
// stream) pass through a save unchanged.
import type { z } from 'zod';
import { siteConfig, type SiteConfig } from '../config/site.ts';
import type { SiteView, siteDraft } from '../api/contract.ts';
import { hideSecrets, keepSecrets } from './secrets.ts';

type Draft = z.output<typeof siteDraft>;
export type DraftResult = { ok: true; site: SiteConfig } | { ok: false; message: string };

/** Where a new site's settings come from when the wizard does not ask for them. */
const NEW_SITE_DEFAULTS = {
  api: { host: '127.0.0.1', port: 8080 },
  recording: { segmentSeconds: 10 },
  rulesFile: 'national-cement.json',
};

export function siteToView(site: SiteConfig): SiteView {
  const { api: _api, recording: _rec, rulesFile: _rules, ffmpegPath: _ff, ...shown } = site;
  return hideSecrets(shown) as SiteView;
}

export function siteFromDraft(draft: Draft, current: SiteConfig | null): DraftResult {
  const refs = checkReferences(draft);
  if (refs) return { ok: false, message: refs };

  const withSecrets = keepSecrets(draft, current) as Draft;
  const candidate = {
    ...NEW_SITE_DEFAULTS,
    ...(current ?? {}),
    ...withSecrets,
    enterprise: { ...current?.enterprise, ...withSecrets.enterprise },
    platform: { ...current?.platform, ...withSecrets.platform },
    storage: withSecrets.storage,
  };
  const parsed = siteConfig.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const missing = issue.path.at(-1);
    const what = missing === 'password' || missing === 'secret' ? 'is not set' : issue.message;
    return { ok: false, message: `${issue.path.join('.')}: ${what}` };
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

  // A push names its camera, not its lane: a second lane on the same LPR camera would never
  // see a read (and its barrier never open), so one camera reads plates for one lane only.
  const readerOf = new Map<string, string>();
  for (const lane of draft.lanes) {
    if (!gates.has(lane.gateId)) return `lane ${lane.id}: no gate ${lane.gateId}`;
    if (!cameras.has(lane.cameraId)) return `lane ${lane.id}: no camera ${lane.cameraId}`;
    const reader = readerOf.get(lane.cameraId);
    if (reader) {
      return `lane ${lane.id}: camera ${lane.cameraId} already reads plates for lane ${reader}`;
    }
    readerOf.set(lane.cameraId, lane.id);
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
