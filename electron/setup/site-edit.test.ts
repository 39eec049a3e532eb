import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { siteDraft, type SiteDraft } from '../api/contract.ts';
import { demoSite } from '../config/demo-site.ts';
import { changedSections, siteFromDraft, siteToView } from './site-edit.ts';
import { readSiteFile, writeSiteFile } from './site-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'gatehouse-site-edit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const saved = demoSite({ lprPort: 8085, apiPort: 8080, platformUrl: 'http://192.0.2.9/api',
  platformSecret: 'the-saved-platform-secret', rulesFile: 'national-cement.json',
  lane1Barrier: { kind: 'camera-reply' },
  onvif: { url: 'http://192.0.2.31/onvif/device_service', username: 'admin',
    password: 'saved-cam-pw' } });

/** What the wizard sends back after showing the saved site: the view, secrets left empty. */
function draftFromSaved(): SiteDraft {
  const view = siteToView(saved);
  return {
    ...view,
    enterprise: { ...view.enterprise, uscc: '91350100M000100Y43' },
    cameras: view.cameras.map(({ onvif, ...c }) => ({ ...c,
      onvif: onvif && { url: onvif.url, username: onvif.username } })),
    platform: { url: view.platform.url, appId: view.platform.appId },
  };
}
const parse = (d: SiteDraft) => siteDraft.parse(d);

describe('the site as the wizard sees it', () => {
  it('shows whether a secret is set, never the secret', () => {
    const view = siteToView(saved);

    expect(view.cameras[0]!.onvif).toEqual({ url: 'http://192.0.2.31/onvif/device_service',
      username: 'admin', passwordSet: true });
    expect(view.platform).toMatchObject({ secretSet: true });
    expect(JSON.stringify(view)).not.toMatch(/saved-cam-pw|the-saved-platform-secret/);
  });
});

describe('a draft saved over the site', () => {
  it('keeps the saved camera password and platform secret when none is typed', () => {
    const built = siteFromDraft(parse(draftFromSaved()), saved);
    if (!built.ok) throw new Error(built.message);

    expect(built.site.cameras[0]!.onvif!.password).toBe('saved-cam-pw');
    expect(built.site.platform.secret).toBe('the-saved-platform-secret');
    expect(changedSections(saved, built.site)).toEqual(['enterprise']);
  });

  it('takes a new password when one is typed', () => {
    const draft = draftFromSaved();
    draft.cameras[0]!.onvif!.password = 'new-cam-pw';
    const built = siteFromDraft(parse(draft), saved);

    expect(built.ok && built.site.cameras[0]!.onvif!.password).toBe('new-cam-pw');
  });

  it('refuses a new camera without a password, and a lane naming a missing camera', () => {
    const draft = draftFromSaved();
    draft.cameras[0]!.id = 'cam-9';
    expect(siteFromDraft(parse(draft), saved)).toEqual({ ok: false,
      message: 'lane lane-1: no camera cam-1' });

    draft.lanes[0]!.cameraId = 'cam-9';
    expect(siteFromDraft(parse(draft), saved)).toEqual({ ok: false,
      message: 'cameras.0.onvif.password: is not set' });
  });

  it('refuses two lanes reading plates from one camera: its reads could reach only one', () => {
    const draft = draftFromSaved();
    draft.lanes[0]!.cameraId = 'cam-2';
    expect(siteFromDraft(parse(draft), saved)).toEqual({ ok: false,
      message: 'lane lane-2: camera cam-2 already reads plates for lane lane-1' });
  });

  it('refuses a first site without a platform secret', () => {
    expect(siteFromDraft(parse({ ...draftFromSaved(), cameras: draftFromSaved().cameras
      .map(({ onvif: _o, ...c }) => c) }), null))
      .toEqual({ ok: false, message: 'platform.secret: is not set' });
  });

  it('carries what the wizard does not edit, secrets included, through a save', () => {
    const withStream = { ...saved,
      cameras: saved.cameras.map((c, i) => i === 0 ? { ...c, stream: {
        url: 'http://192.0.2.31/ISAPI/Event/notification/alertStream', username: 'admin',
        password: 'stream-pw' } } : c),
      lanes: saved.lanes.map((l, i) => i === 1 ? { ...l, display: {
        kind: 'camera-passthrough' as const, serialChannel: 0, address: 1 } } : l) };
    const view = siteToView(withStream) as unknown as SiteDraft;
    expect(JSON.stringify(view)).not.toContain('stream-pw');

    const built = siteFromDraft(parse({ ...view, enterprise: { ...view.enterprise,
      uscc: '91350100M000100Y43' } }), withStream);
    if (!built.ok) throw new Error(built.message);
    expect(built.site.cameras[0]!.stream).toEqual(withStream.cameras[0]!.stream);
    expect(built.site.lanes[1]!.display).toEqual({ kind: 'camera-passthrough',
      serialChannel: 0, address: 1 });
    expect(built.site.platform.secret).toBe('the-saved-platform-secret');
  });

  it('refuses a credit code whose check character is wrong, at the boundary', () => {
    const draft = draftFromSaved();
    draft.enterprise.uscc = '91350100M000100Y44';
    expect(siteDraft.safeParse(draft).success).toBe(false);
  });
});

describe('site.json', () => {
  it('is written whole and read back; the previous one is kept', () => {
    writeSiteFile(dir, saved);
    const next = { ...saved, lpr: { host: '0.0.0.0', port: 9085 } };
    writeSiteFile(dir, next);

    expect(readSiteFile(dir)).toEqual(next);
    expect(JSON.parse(readFileSync(join(dir, 'site.previous.json'), 'utf8')).lpr.port).toBe(8085);
  });

  it('names the field when the file is not a valid site', () => {
    writeFileSync(join(dir, 'site.json'), JSON.stringify({ ...saved, lanes: [] }));
    expect(() => readSiteFile(dir)).toThrow(/lanes: /);
  });
});
