// live_view_latency_ms: from the moment a frame is made at the camera to the moment Chromium
// presents it in the guard's Lanes page, through the whole product path: live H.264 encoder →
// RTP → RTSP relay → Gatehouse (ONVIF look-up, preview ffmpeg copying to fragmented MP4, the
// live WebSocket) → Media Source Extensions in the lane card's <video>. Each frame carries its
// making time in pixel blocks (live-clock-camera.ts); the page reads the block of every frame
// it presents (requestVideoFrameCallback, canvas) and subtracts it from its own clock, which is
// the same machine clock. The value is the median over SAMPLE_MS; stderr adds p90, min and max.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { chromium } from 'playwright-core';
import { silentLogger } from '../../electron/log/logger.ts';
import { startOnvifResponder } from '../../electron/sim/onvif-responder.ts';
import { REPO, startChild } from './children.ts';
import { CLOCK_LAYOUT, startClockCamera } from './live-clock-camera.ts';
import { onShutdown } from './shutdown.ts';
import type { BenchContext, Measure, MeasureGroup } from './registry.ts';
import { liveSite, readClockInPage } from './live-site.ts';

export const LIVE_VIEW_LATENCY_MS = 'live_view_latency_ms';

/** Frames read: ten seconds at 25 fps. */
const SAMPLE_MS = 10_000;
/** The player settles at the live edge in its first seconds (jump-ahead, decoder start). */
const SETTLE_MS = 3_000;
const HOST_READY_MS = 120_000;
const PLAYING_TIMEOUT_MS = 60_000;
const PASSWORD = 'bench-installer-pw';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage', '--autoplay-policy=no-user-gesture-required'];

export const liveLatency: MeasureGroup = {
  id: 'live-latency',
  names: [LIVE_VIEW_LATENCY_MS],
  run,
};

async function run(ctx: BenchContext): Promise<Measure[]> {
  const dir = join(REPO, '.gatehouse-data', `bench-live-${Date.now()}-${process.pid}`);
  const data = join(dir, 'data');
  mkdirSync(data, { recursive: true });
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) await stop().catch(() => undefined);
  };
  const unregister = onShutdown(stopAll);

  try {
    const camera = await startClockCamera();
    stops.push(() => camera.stop());
    const onvifPassword = randomBytes(9).toString('base64url');
    const onvif = await startOnvifResponder({ port: 0, username: 'admin',
      password: onvifPassword, streamUri: camera.rtspUrl, log: silentLogger() });
    stops.push(() => onvif.stop());
    ctx.note(`clock camera at ${camera.rtspUrl}`);

    writeFileSync(join(data, 'site.json'), JSON.stringify(liveSite({ url: onvif.url,
      username: 'admin', password: onvifPassword }), null, 2));
    const init = spawnSync(process.execPath, ['electron/cli.ts', 'init', '--data', data,
      '--username', 'installer'], { cwd: REPO, input: `${PASSWORD}\n`, encoding: 'utf8' });
    if (init.status !== 0) throw new Error(`init failed: ${init.stdout}${init.stderr}`);

    const host = await startChild<{ ready: true; ui: string }>({ label: 'gatehouse',
      script: 'electron/cli.ts', readyTimeoutMs: HOST_READY_MS,
      args: ['--headless', '--data', data, '--api-port', '0', '--lpr-port', '0'] });
    stops.push(() => host.stop());

    const profile = mkdtempSync(join(tmpdir(), 'gatehouse-bench-chromium-'));
    const browser = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS,
      viewport: { width: 1400, height: 900 },
    });
    stops.push(async () => {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    });

    const page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto(host.ready.ui);
    await page.getByTestId('login-username').fill('installer');
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    const live = page.getByTestId('live-cam-clock');
    await live.waitFor({ timeout: PLAYING_TIMEOUT_MS });
    const deadline = Date.now() + PLAYING_TIMEOUT_MS;
    while ((await live.getAttribute('data-live-status')) !== 'playing') {
      if (Date.now() > deadline) throw new Error('the live picture never started playing');
      await new Promise((r) => setTimeout(r, 250));
    }
    await new Promise((r) => setTimeout(r, SETTLE_MS));

    const samples = await page.evaluate(readClockInPage,
      { layout: CLOCK_LAYOUT, ms: SAMPLE_MS, testId: 'live-video-cam-clock' });
    if (samples.length < 10) throw new Error(`only ${samples.length} frames could be read`);

    const sorted = [...samples].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
    ctx.note(`live view latency over ${sorted.length} frames: p50 ${at(0.5)} ms, ` +
      `p90 ${at(0.9)} ms, min ${sorted[0]} ms, max ${sorted.at(-1)} ms (goal p50 ≤ 800 ms)`);
    return [{ name: LIVE_VIEW_LATENCY_MS, value: at(0.5), unit: 'ms' }];
  } finally {
    await stopAll();
    unregister();
    rmSync(dir, { recursive: true, force: true });
  }
}
