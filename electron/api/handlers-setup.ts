// The core's answers to the installer's calls (issue #3): the site the wizard edits, camera
// discovery and probing, and the device tests. A save is validated whole, written atomically,
// audited (which sections changed, never a secret) and applied to the running host at once.
import { fail, ok } from './contract.ts';
import type { Handlers } from './dispatcher.ts';
import type { HandlerContext } from './handlers.ts';
import type { SiteConfig } from '../config/site.ts';
import { writeAudit } from '../db/audit.ts';
import { writeSiteFile } from '../setup/site-file.ts';
import { changedSections, siteFromDraft, siteToView } from '../setup/site-edit.ts';
import { checkStorage, testPlatformLink, testPush } from '../setup/device-tests.ts';
import { withTestPassage } from '../setup/test-push-outcome.ts';
import { readSyncLink } from '../sync/sync-link.ts';
import { discoverCameras } from '../devices/onvif/discovery.ts';
import { probeCamera } from '../devices/onvif/camera-probe.ts';
import { captureSnapshot } from '../devices/onvif/snapshot.ts';

/** What the host lends the setup calls: its data folder, its site, and a way to apply one. */
export interface SetupRuntime {
  dataDir: string;
  current(): SiteConfig | null;
  applySite(site: SiteConfig): Promise<{ lprPort: number | null }>;
  lprPort(): number | null;
}

/** ONVIF cameras answer in well under a second; the wizard waits this long for a slow one. */
const CAMERA_TIMEOUT_MS = 8_000;

type SetupCalls = 'setup.site' | 'setup.save' | 'setup.discover' | 'setup.probeCamera' |
  'setup.snapshot' | 'setup.testPush' | 'setup.testPlatform' | 'setup.checkStorage';

export function createSetupHandlers(ctx: HandlerContext): Pick<Handlers, SetupCalls> {
  const runtime = () => ctx.setup ?? null;
  // When the running site was applied: each apply starts a new link, whose first heartbeat
  // goes at once. Zero until a save: a site started from its file has had no other link.
  let appliedAt = 0;
  const credentials = (input: { url: string; username: string; password?: string;
    cameraId?: string }) => {
    const saved = runtime()?.current()?.cameras.find((c) => c.id === input.cameraId)?.onvif;
    const password = input.password ?? saved?.password ?? '';
    return { url: input.url, username: input.username, password, timeoutMs: CAMERA_TIMEOUT_MS };
  };

  return {
    'setup.site': () => {
      const site = runtime()?.current() ?? null;
      return ok({ site: site && siteToView(site), lprPort: runtime()?.lprPort() ?? null });
    },

    'setup.save': async (draft, caller) => {
      const r = runtime();
      if (!r) return fail('internal', 'this host cannot save a site');
      const before = r.current();
      const built = siteFromDraft(draft, before);
      if (!built.ok) return fail('invalid_input', built.message);
      if (built.site.storage) {
        const storage = await checkStorage(built.site.storage.root);
        if (!storage.writable) return fail('invalid_input', `storage: ${storage.detail}`);
      }

      // Applied first, saved second: a site whose devices cannot start (a port taken, a serial
      // device missing) is refused with the reason, and the running one and its file stay.
      let applied: { lprPort: number | null };
      try {
        appliedAt = ctx.now?.() ?? Date.now();
        applied = await r.applySite(built.site);
      } catch (err) {
        return fail('device_error', `not applied, nothing saved: ${(err as Error).message}`);
      }
      const changed = changedSections(before, built.site);
      writeSiteFile(r.dataDir, built.site);
      writeAudit(ctx.db, { actor: caller.user!.username, action: 'site.save',
        detail: { changed, remote: caller.remote } });
      return ok({ lprPort: applied.lprPort, changed });
    },

    'setup.discover': async (input) =>
      ok(await discoverCameras({ timeoutMs: input.timeoutMs, unicast: input.addresses })),

    'setup.probeCamera': async (input) => {
      const probe = await probeCamera(credentials(input));
      if (!probe.ok) return fail('device_error', probe.error);
      const { ok: _ok, ...view } = probe;
      return ok(view);
    },

    'setup.snapshot': async (input) => {
      const c = credentials(input);
      const probe = await probeCamera(c);
      if (!probe.ok) return fail('device_error', probe.error);
      const shot = await captureSnapshot({ snapshotUri: probe.snapshotUri,
        streamUri: probe.streamUri, username: c.username, password: c.password,
        ffmpegPath: runtime()?.current()?.ffmpegPath, timeoutMs: CAMERA_TIMEOUT_MS });
      if (!shot.ok) return fail('device_error', shot.error);
      return ok({ mime: shot.mime, base64: shot.bytes.toString('base64'), via: shot.via });
    },

    'setup.testPush': async (input, caller) => {
      const r = runtime();
      const camera = r?.current()?.cameras.find((c) => c.id === input.cameraId);
      const port = r?.lprPort();
      if (!camera) return fail('not_found', `no saved camera ${input.cameraId}`);
      if (port === null || port === undefined) return fail('not_found', 'no LPR listener runs');
      writeAudit(ctx.db, { actor: caller.user!.username, action: 'setup.test-push',
        subject: camera.id, detail: { plate: input.plate } });
      const sent = Date.now();
      return ok(withTestPassage(ctx.db, await testPush(camera, input.plate, port), camera.id,
        sent));
    },

    'setup.testPlatform': async () => {
      const site = runtime()?.current();
      if (!site) return fail('not_found', 'no site is saved yet');
      return ok(await testPlatformLink(site.platform, () => readSyncLink(ctx.db), appliedAt));
    },

    'setup.checkStorage': async (input) => ok(await checkStorage(input.root)),
  };
}
