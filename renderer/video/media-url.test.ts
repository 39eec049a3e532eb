// Where the lane cards and players fetch video: the page's own host when it is served over
// HTTP, the core's media server on loopback when the page is the desktop window's file.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { liveUrl, mediaUrl, videoOrigin } from './media-url.ts';

const CLIP = '/api/media/clip/0b6f3c1e-7d2a-4e4f-9c1a-5d0e8b7f6a21.mp4';
const MEDIA_ORIGIN = 'http://127.0.0.1:50123';

/** The page as the browser or Electron loaded it, and what the preload exposed, if anything. */
function page(href: string, bridge?: { mediaOrigin: string | null }): void {
  const url = new URL(href);
  vi.stubGlobal('location', { protocol: url.protocol, origin: url.origin, href });
  vi.stubGlobal('window', bridge ? { gatehouse: bridge } : {});
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('a page the host serves over HTTP', () => {
  it('fetches clips and live pictures from its own origin', () => {
    page('http://192.168.1.20:8080/#/lanes');

    expect(videoOrigin()).toBe('http://192.168.1.20:8080');
    expect(mediaUrl(CLIP, 'tok')).toBe(`http://192.168.1.20:8080${CLIP}?token=tok`);
    expect(liveUrl('cam-east', 'tok')).toBe('ws://192.168.1.20:8080/api/live/cam-east?token=tok');
  });

  it('keeps a secure page on secure sockets', () => {
    page('https://gate.example.cn/#/lanes');

    expect(liveUrl('cam-east', 'tok')).toBe('wss://gate.example.cn/api/live/cam-east?token=tok');
  });
});

describe("the desktop window's file page", () => {
  const INDEX = 'file:///opt/Gatehouse/resources/app.asar/dist/renderer/index.html#/lanes';

  it('fetches from the media server the preload names', () => {
    page(INDEX, { mediaOrigin: MEDIA_ORIGIN });

    expect(videoOrigin()).toBe(MEDIA_ORIGIN);
    expect(mediaUrl(CLIP, 'tok', true)).toBe(`${MEDIA_ORIGIN}${CLIP}?token=tok&download=1`);
    expect(liveUrl('cam-east', 'a+b/c')).toBe(
      'ws://127.0.0.1:50123/api/live/cam-east?token=a%2Bb%2Fc');
  });

  it('has no video when the media server is not running, or before login', () => {
    page(INDEX, { mediaOrigin: null });
    expect(mediaUrl(CLIP, 'tok')).toBeNull();
    expect(liveUrl('cam-east', 'tok')).toBeNull();

    page(INDEX, { mediaOrigin: MEDIA_ORIGIN });
    expect(mediaUrl(CLIP, null)).toBeNull();
    expect(liveUrl('cam-east', null)).toBeNull();
  });

  it('has no video without the preload', () => {
    page(INDEX);

    expect(videoOrigin()).toBeNull();
  });
});
