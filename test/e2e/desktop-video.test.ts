// The desktop window's video path in Debian's Chromium: a page loaded from a file, under the
// policy the built renderer carries, plays a clip from the core's media server on loopback and
// opens a live socket there with the session token, as media-url.ts builds their URLs. This is
// what Electron's window does; the Electron binary itself cannot be had here.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFfmpeg } from '../../native/ffmpeg.ts';
import { BUILT_PAGE_POLICY } from '../../electron/config/csp.ts';
import { openBrowser, type Browser } from '../support/browser.ts';
import { CLIP_ID, startWindowMedia, type WindowMedia } from '../support/window-media.ts';

/** What the page does with the URLs media-url.ts would give it; written to the page's body. */
const PAGE_SCRIPT = `
const { origin, token } = Object.fromEntries(new URLSearchParams(location.hash.slice(1)));
const seen = { video: 'loading', socket: 'connecting', message: null };
const show = () => { document.body.dataset.seen = JSON.stringify(seen); };
const video = document.createElement('video');
video.muted = true;
video.addEventListener('loadedmetadata', () => { seen.video = video.duration; show(); });
video.addEventListener('error', () => { seen.video = 'error ' + video.error.code; show(); });
video.src = origin + '/api/media/clip/${CLIP_ID}.mp4?token=' + token;
document.body.append(video);
const socket = new WebSocket(origin.replace('http', 'ws') + '/api/live/cam-east?token=' + token);
socket.onopen = () => { seen.socket = 'open'; show(); };
socket.onerror = () => { seen.socket = 'error'; show(); };
socket.onmessage = (e) => { seen.message = JSON.parse(e.data); show(); };
`;

let dir: string;
let media: WindowMedia;
let browser: Browser;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-desktop-video-'));
  const clipPath = join(dir, `${CLIP_ID}.mp4`);
  execFileSync(resolveFfmpeg()!.path, ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi',
    '-i', 'testsrc=size=320x240:rate=25:duration=2', '-pix_fmt', 'yuv420p', '-c:v', 'libx264',
    '-preset', 'ultrafast', '-movflags', '+faststart', clipPath]);
  media = await startWindowMedia(dir, clipPath);

  writeFileSync(join(dir, 'page.js'), PAGE_SCRIPT);
  writeFileSync(join(dir, 'index.html'), `<!doctype html><html><head>
    <meta http-equiv="Content-Security-Policy" content="${BUILT_PAGE_POLICY}">
    <script src="./page.js" defer></script></head><body></body></html>`);
  browser = await openBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await media?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the desktop window's file page", () => {
  it('plays a clip and opens a live socket from the media server on its token', async () => {
    const page = pathToFileURL(join(dir, 'index.html'));
    page.hash = new URLSearchParams({ origin: media.server.origin, token: media.token }).toString();
    await browser.page.goto(page.href);

    await browser.page.waitForFunction(() => {
      const seen = JSON.parse(document.body.dataset.seen ?? '{}');
      return typeof seen.video === 'number' && seen.message !== null;
    });
    const seen = JSON.parse(await browser.page.evaluate(() => document.body.dataset.seen!));

    expect(seen.video).toBeCloseTo(2, 0);
    expect(seen.socket).toBe('open');
    // Taken and answered by the live endpoint: this test's site has no cameras.
    expect(seen.message).toEqual({ t: 'error', code: 'no-camera',
      message: 'no camera cam-east on this site' });
    // The socket says its page is `null` (an opaque origin); the <video>'s GET says nothing.
    expect(media.origins.sort()).toEqual(['null', undefined]);
    expect(browser.errors).toEqual([]);
  });
});
