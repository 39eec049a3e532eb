// The manager switches the rule set (region and industry) the lanes decide by; the choice is
// audited, kept across a restart, and names itself on every later passage.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type RunningHost } from '../../electron/host/host.ts';
import { buildHikvisionPush, loadDemoImages, sendPush } from '../../electron/sim/lpr-sender.ts';
import { ApiClient } from '../support/api.ts';

let dir: string;
let host: RunningHost | null = null;

const start = () => startHost({ dataDir: join(dir, 'data'), demo: true, serveHttp: true,
  demoFlags: { apiPort: 0, lprPort: 0, trucks: false, camera: false } });

async function push(plate: string) {
  const images = loadDemoImages();
  return sendPush(`http://127.0.0.1:${host!.lprPort}/lpr/hikvision/cam-1`, buildHikvisionPush({
    plate, color: 'yellow', uuid: randomUUID(), dateTime: new Date().toISOString(), images,
    mac: '00:00:5e:00:53:21' }));
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-rules-'));
});

afterAll(async () => {
  await host?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the rule set a site decides by', () => {
  it('is the manager\'s to switch, audited, kept across a restart', async () => {
    host = await start();
    const manager = await new ApiClient(host.uiUrl!).login('manager', 'manager-demo');
    const guard = await new ApiClient(host.uiUrl!).login('guard', 'guard-demo');

    const listed = await manager.value('rules.sets', {});
    expect(listed.selected).toBe('henan-bulk-transport');
    expect(listed.sets.map((s) => s.id).sort())
      .toEqual(['henan-bulk-transport', 'national-cement', 'strict-city-cement']);
    expect(await guard.call('rules.select', { setId: 'national-cement' }))
      .toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await manager.call('rules.select', { setId: 'no-such-set' }))
      .toMatchObject({ ok: false, error: { code: 'not_found' } });

    expect((await manager.value('rules.select', { setId: 'national-cement' })).selected)
      .toBe('national-cement');
    expect((await push('豫B00100')).status).toBe(200);
    const [p] = (await guard.value('passages.search', { plate: '豫B00100' })).rows;
    expect(p!.ruleVersion).toMatch(/^national-cement@/);
    const [audit] = await manager.value('audit.recent', { action: 'rules.select' });
    expect(audit).toMatchObject({ actor: 'manager', subject: 'national-cement',
      detail: { from: 'henan-bulk-transport' } });

    await host.close();
    host = await start();
    const again = await new ApiClient(host.uiUrl!).login('manager', 'manager-demo');
    expect((await again.value('rules.sets', {})).selected).toBe('national-cement');
  }, 60_000);
});
