// The media server's origin on the renderer's command line: written by the main process, read
// by the preload, and believed only when it names the core's own loopback server.
import { describe, expect, it } from 'vitest';
import { mediaOriginArgument, mediaOriginFrom } from './media-origin-arg.ts';

const ELECTRON_ARGS = ['/opt/Gatehouse/gatehouse', '--type=renderer', '--lang=zh-CN'];

describe("the media server's origin on the command line", () => {
  it('reaches the preload as the main process wrote it', () => {
    const argv = [...ELECTRON_ARGS, mediaOriginArgument('http://127.0.0.1:50123')];

    expect(mediaOriginFrom(argv)).toBe('http://127.0.0.1:50123');
  });

  it('is null when the main process named none', () => {
    expect(mediaOriginFrom(ELECTRON_ARGS)).toBeNull();
  });

  it('is ignored when it names anything but a loopback port', () => {
    for (const origin of ['http://192.168.1.20:8080', 'https://127.0.0.1:443',
      'http://127.0.0.1:8080/api', 'http://127.0.0.1.evil.example:80', 'javascript:alert(1)']) {
      expect(mediaOriginFrom([...ELECTRON_ARGS, mediaOriginArgument(origin)])).toBeNull();
    }
  });
});
