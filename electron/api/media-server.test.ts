// The desktop window's media server over real HTTP and WebSocket: a clip served with ranges to
// the window's file page on its session token, the live socket opened only with one, and
// nothing of the API answered. Sessions come from a real SQLite file, as the IPC login's do.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upgradeOutcome } from '../../test/support/socket.ts';
import { CLIP_ID, startWindowMedia, type WindowMedia } from '../../test/support/window-media.ts';
import type { MediaServer } from './media-server.ts';

const CLIP_BYTES = Buffer.from('ftyp-isom-moov-mdat: a clip of the east gate');

let dir: string;
let media: WindowMedia;
let server: MediaServer;
let token: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-media-server-'));
  const clipPath = join(dir, `${CLIP_ID}.mp4`);
  writeFileSync(clipPath, CLIP_BYTES);
  media = await startWindowMedia(dir, clipPath);
  ({ server, token } = media);
});

afterAll(async () => {
  await media.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A GET as the page's <video> makes it: no Origin unless one is given. */
function get(path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: Buffer }>((resolve, reject) => {
    const req = request(`${server.origin}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const clip = (query: string) => `/api/media/clip/${CLIP_ID}.mp4${query}`;
const liveUrl = (query: string) =>
  `${server.origin.replace('http', 'ws')}/api/live/cam-east${query}`;

describe("the desktop window's media server", () => {
  it('listens on loopback at a port of the system\'s choosing', () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("plays a clip to the window's <video> on the session token, a range at a time", async () => {
    const whole = await get(clip(`?token=${token}`));
    const part = await get(clip(`?token=${token}`), { range: 'bytes=0-3', origin: 'file://' });

    expect(whole).toEqual({ status: 200, body: CLIP_BYTES });
    expect(part).toEqual({ status: 206, body: CLIP_BYTES.subarray(0, 4) });
  });

  it('refuses a clip without a token, on a token of no session, and to other pages', async () => {
    expect((await get(clip(''))).status).toBe(401);
    expect((await get(clip('?token=made-up'))).status).toBe(401);
    expect((await get(clip(`?token=${token}`), { origin: 'http://evil.example' })).status)
      .toBe(403);
    expect((await get(clip(`?token=${token}`), { origin: server.origin })).status).toBe(403);
  });

  it("opens a live socket for the window's file page with the token, never without", async () => {
    expect(await upgradeOutcome(liveUrl(`?token=${token}`), 'file://')).toBe('open');
    expect(await upgradeOutcome(liveUrl(`?token=${token}`), 'null')).toBe('open');

    expect(await upgradeOutcome(liveUrl(''), 'file://')).toBe('401');
    expect(await upgradeOutcome(liveUrl('?token=made-up'), 'file://')).toBe('401');
    expect(await upgradeOutcome(liveUrl(`?token=${token}`), 'http://evil.example')).toBe('401');
  });

  it('answers nothing of the API: no calls, no event socket, no health, no UI', async () => {
    const events = `${server.origin.replace('http', 'ws')}/api/ws?token=${token}`;

    expect((await get(`/api/call?token=${token}`)).status).toBe(404);
    expect((await get(`/api/health?token=${token}`)).status).toBe(404);
    expect((await get(`/index.html?token=${token}`)).status).toBe(404);
    expect(await upgradeOutcome(events, 'file://')).toBe('404');
  });
});
