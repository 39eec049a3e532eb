// Video as guards and inspectors see it, in Debian's Chromium against the demo started as a user
// starts it (its RTSP camera recorded in 10-s segments): the lane's live picture plays, a
// passage's clip plays from the Passages page, and the window check shows the ledger rows of the
// chosen minutes beside that gate's video, a click on a row moving the video to that truck.
// Bad input is refused under its field in Chinese (an empty date, a window not yet begun, an
// empty export time), and a failed export is worded in Chinese with the camera's name.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHikvisionPush, loadDemoImages, sendPush } from '../../electron/sim/lpr-sender.ts';
import { ApiClient } from '../support/api.ts';
import { dismiss, openBrowser, logIn, type Browser } from '../support/browser.ts';
import { startDemo, waitFor, type DemoReady, type Started } from '../support/processes.ts';

/** The demo records 10-s segments: a moment is found in its clip within one segment. */
const SEGMENT_S = 10;
/** A segment closes up to 10 s after the moment, and a loaded 2-core machine is slow. */
const FOOTAGE_WAIT_MS = 60_000;
const SHANGHAI_MS = 8 * 3_600_000;
/** The export is a background job; this bounds the wait for it, not its speed. */
const EXPORT_WAIT_MS = 90_000;

const images = loadDemoImages();
let dir: string;
let demo: Started<DemoReady>;
let browser: Browser;
let officer: ApiClient;
/** Plate → capture time, in push order; the first one falls before the checked window. */
const pushed = new Map<string, number>();

const push = async (plate: string) => {
  const url = `http://127.0.0.1:${demo.ready.lprPort}/lpr/hikvision/cam-1`;
  const res = await sendPush(url, buildHikvisionPush({ plate, color: 'yellow', uuid: randomUUID(),
    dateTime: new Date().toISOString(), images, mac: '00:00:5e:00:53:21' }));
  expect(res.status).toBe(200);
  const found = await officer.value('passages.search', { plate, limit: 1, offset: 0 });
  pushed.set(plate, found.rows[0]!.capturedAt);
  return found.rows[0]!;
};

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const currentTime = (testId: string) => browser.page.getByTestId(testId)
  .evaluate((v) => (v as HTMLVideoElement).currentTime);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-video-'));
  demo = await startDemo(['--demo', '--data', join(dir, 'data'), '--no-trucks']);
  // The camera and its recording are what this suite is about; nothing may have been skipped.
  expect(demo.ready.skipped.recording).toBeUndefined();
  officer = await new ApiClient(demo.ready.ui).login('officer', 'officer-demo');
  browser = await openBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('video for guards and inspectors', () => {
  it('plays the lane camera live on the Lanes page', async () => {
    await logIn(browser.page, demo.ready.ui, 'guard', 'guard-demo');
    const live = browser.page.getByTestId('live-cam-1');
    await expect.poll(() => live.getAttribute('data-live-status'), { timeout: 30_000 })
      .toBe('playing');

    const before = await currentTime('live-video-cam-1');
    await pause(2_000);
    const after = await currentTime('live-video-cam-1');
    expect(after - before).toBeGreaterThan(1);

    // Lane 2's camera has no stream configured: the card says so instead of staying black.
    const lane2 = browser.page.getByTestId('live-cam-2');
    await expect.poll(() => lane2.getAttribute('data-live-status')).toBe('error');
    expect(await lane2.getByTestId('live-note').textContent()).toContain('ONVIF');
    await browser.page.getByTestId('logout').click();
  }, 90_000);

  it('plays a passage clip from the Passages page', async () => {
    const passage = await push('豫A12345');
    await waitFor('the passage footage', async () => {
      const clips = await officer.value('playback.passageClips', { passageId: passage.id });
      return clips.missing.length === 0 && clips.clips.length === 1 ? clips : undefined;
    }, FOOTAGE_WAIT_MS, 1_000);

    const { page } = browser;
    await logIn(page, demo.ready.ui, 'officer', 'officer-demo');
    await page.getByTestId('nav-passages').click();
    await page.getByTestId('passages-plate').fill('A12345');
    await page.getByTestId('passages-search').click();
    await page.getByTestId(`play-clip-${passage.id}`).click();

    const video = 'clip-video-cam-1';
    await page.getByTestId(video).waitFor();
    await expect.poll(() => page.getByTestId(video)
      .evaluate((v) => !(v as HTMLVideoElement).paused), { timeout: 20_000 }).toBe(true);
    const start = await currentTime(video);
    await pause(1_500);
    expect(await currentTime(video)).toBeGreaterThan(start + 0.5);

    // The clip runs from 10 s before the passage: the picture starts at the passage's moment.
    const shownAt = Number(await page.getByTestId('clip-shown-at').getAttribute('data-shown-at'));
    expect(Math.abs(shownAt - passage.capturedAt)).toBeLessThan(SEGMENT_S * 1000);
    await dismiss(page, page.getByTestId(video));
  }, 120_000);

  it('shows the window\'s ledger rows beside its video, and a row seeks the video', async () => {
    await pause(3_000);
    const first = await push('豫B00001');
    await pause(3_000);
    await push('豫B00002');
    await pause(3_000);
    const last = await push('豫B00003');
    await waitFor('the window footage', async () => {
      const clips = await officer.value('playback.passageClips', { passageId: last.id });
      return clips.missing.length === 0 ? clips : undefined;
    }, FOOTAGE_WAIT_MS, 1_000);

    // The window starts a second after 豫B00001: that truck is not in it, the next two are.
    const from = first.capturedAt + 1_000;
    const wall = new Date(from + SHANGHAI_MS).toISOString();
    const { page } = browser;
    await page.getByTestId('nav-windowCheck').click();
    await page.getByTestId('window-date').fill(wall.slice(0, 10));
    await page.getByTestId('window-start').fill(wall.slice(11, 19));
    await page.getByTestId('window-load').click();

    const rows = page.locator('[data-testid^="window-row-"]');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(2);
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-plate'))))
      .toEqual(['豫B00002', '豫B00003']);

    const clip = page.getByTestId('clip-cam-1');
    const clipStart = Number(await clip.getAttribute('data-clip-start'));
    const clipEnd = Number(await clip.getAttribute('data-clip-end'));
    for (const plate of ['豫B00002', '豫B00003']) {
      expect(pushed.get(plate)!).toBeGreaterThanOrEqual(clipStart);
      expect(pushed.get(plate)!).toBeLessThan(clipEnd);
    }

    for (const plate of ['豫B00003', '豫B00002']) {
      const at = pushed.get(plate)!;
      await page.locator(`[data-testid^="window-row-"][data-plate="${plate}"]`).click();
      const expected = (at - clipStart) / 1000;
      await expect.poll(() => currentTime('clip-video-cam-1'), { timeout: 10_000 })
        .toBeCloseTo(expected, 0);
      expect(Math.abs((await currentTime('clip-video-cam-1')) - expected)).toBeLessThan(SEGMENT_S);
    }
    expect(browser.errors.filter((e) => !/favicon/.test(e))).toEqual([]);
  }, 150_000);

  it('shows a camera\'s day, plays from its timeline, exports a range to download', async () => {
    const { page } = browser;
    const times = [...pushed.values()];
    const shanghai = (at: number) => new Date(at + SHANGHAI_MS).toISOString();
    await page.getByTestId('nav-playback').click();
    await page.getByTestId('playback-date').fill(shanghai(times[0]!).slice(0, 10));

    const timeline = page.getByTestId('day-timeline');
    await expect.poll(() => timeline.locator('.day-timeline-segment').count()).toBeGreaterThan(0);
    const box = (await timeline.boundingBox())!;
    const dayStart = Date.parse(`${shanghai(times[0]!).slice(0, 10)}T00:00:00+08:00`);
    const share = (times.at(-1)! - dayStart) / 86_400_000;
    await timeline.click({ position: { x: box.width * share, y: box.height / 2 } });
    const video = 'clip-video-cam-1';
    await page.getByTestId(video).waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId(video)
      .evaluate((v) => !(v as HTMLVideoElement).paused), { timeout: 20_000 }).toBe(true);
    const start = await currentTime(video);
    await pause(1_500);
    expect(await currentTime(video)).toBeGreaterThan(start + 0.5);

    await page.getByTestId('export-from').fill(shanghai(times[0]! - 5_000).slice(11, 19));
    await page.getByTestId('export-to').fill(shanghai(times.at(-1)! + 2_000).slice(11, 19));
    await page.getByTestId('export-start').click();
    const item = page.locator('[data-testid^="export-"][data-state]').first();
    // A stream copy of a minute of 1080p; on a loaded 2-core machine it can take half a minute.
    await expect.poll(() => item.getAttribute('data-state'), { timeout: EXPORT_WAIT_MS })
      .toBe('done');
    const href = (await item.getByTestId('export-download').getAttribute('href'))!;
    const file = await fetch(href);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toContain('attachment');
    const bytes = Buffer.from(await file.arrayBuffer());
    expect(bytes.subarray(4, 8).toString()).toBe('ftyp');
    expect(bytes.length).toBeGreaterThan(100_000);
  }, 180_000);

  it('refuses an empty or future window, clearing the earlier window\'s result', async () => {
    const { page } = browser;
    const shanghai = (at: number) => new Date(at + SHANGHAI_MS).toISOString();
    const from = shanghai(pushed.get('豫B00001')! + 1_000);
    await page.getByTestId('nav-windowCheck').click();
    await page.getByTestId('window-date').fill(from.slice(0, 10));
    await page.getByTestId('window-start').fill(from.slice(11, 19));
    await page.getByTestId('window-load').click();
    await page.getByTestId('window-result').waitFor({ timeout: 30_000 });

    // An edited field marks the result on screen as the earlier window's.
    await page.getByTestId('window-start').fill(shanghai(Date.now() - 60_000).slice(11, 19));
    await page.getByTestId('window-earlier').waitFor();

    await page.getByTestId('window-date').fill('');
    await page.getByTestId('window-load').click();
    expect(await page.getByTestId('window-date-error').textContent()).toBe('请选择日期');
    expect(await page.getByTestId('window-result').count()).toBe(0);

    const later = shanghai(Date.now() + 3_600_000);
    await page.getByTestId('window-date').fill(later.slice(0, 10));
    await page.getByTestId('window-start').fill(later.slice(11, 19));
    await page.getByTestId('window-load').click();
    expect(await page.getByTestId('window-start-error').textContent())
      .toBe('开始时间晚于当前时间：该时段还没有录像');
    // The cleared message leaves with antd's animation.
    await expect.poll(() => page.getByTestId('window-date-error').count()).toBe(0);
    expect(await page.getByTestId('window-result').count()).toBe(0);

    // A script calling the core directly is refused the same way, with the reason to word.
    const inAnHour = Date.now() + 3_600_000;
    expect(await officer.call('windowCheck.load', { from: inAnHour, to: inAnHour + 300_000 }))
      .toEqual({ ok: false, error: { code: 'invalid_input',
        message: 'the range starts in the future: nothing is recorded yet',
        reason: { key: 'range.inFuture', values: {} } } });
  }, 90_000);

  it('refuses an empty export field and words a failed export in Chinese', async () => {
    const { page } = browser;
    const day = new Date(pushed.get('豫B00001')! + SHANGHAI_MS - 86_400_000).toISOString();
    await page.getByTestId('nav-playback').click();
    // The day before the demo started: the camera has no footage of it.
    await page.getByTestId('playback-date').fill(day.slice(0, 10));

    await page.getByTestId('export-from').fill('');
    await page.getByTestId('export-start').click();
    expect(await page.getByTestId('export-from-error').textContent()).toBe('请填写时间');

    // 23:55 to 00:05 is ten minutes into the next day, and the fields say so.
    await page.getByTestId('export-from').fill('23:55:00');
    await page.getByTestId('export-to').fill('00:05:00');
    await page.getByTestId('export-next-day').waitFor();
    const before = await page.locator('[data-testid^="export-"][data-state]').count();
    await page.getByTestId('export-start').click();
    await expect.poll(() => page.getByTestId('export-from-error').count()).toBe(0);

    const items = page.locator('[data-testid^="export-"][data-state]');
    await expect.poll(() => items.count()).toBe(before + 1);
    const failed = items.first();
    expect(await failed.getAttribute('data-state')).toBe('failed');
    expect(await failed.getByTestId('export-error').getAttribute('data-code')).toBe('no-footage');
    expect(await failed.getByTestId('export-error').textContent())
      .toContain('该摄像机在此时段没有录像');
    expect(await failed.textContent()).toContain('1号车道抓拍机');

    const jobs = await officer.value('playback.exports', {});
    expect(jobs[0]!.to - jobs[0]!.from).toBe(600_000);
    expect(browser.errors.filter((e) => !/favicon/.test(e))).toEqual([]);
  }, 90_000);
});
