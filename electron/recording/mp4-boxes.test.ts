// The live relay's MP4 reading, on real bytes: ffmpeg encodes a short test clip and writes it as
// one fragmented MP4 to its stdout, exactly as the recorder's live output does.
import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../log/logger.ts';
import type { LiveEvent } from './live-source.ts';
import { LiveHub } from './live-hub.ts';
import { BoxReader, readTrackInfo, startsWithKeyframe, type Box } from './mp4-boxes.ts';

let fragmented: Buffer;
let cutByDuration: Buffer;

function encode(movflags: string, extra: string[]): Buffer {
  return execFileSync('ffmpeg', [
    '-hide_banner', '-loglevel', 'error', '-nostdin',
    '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=25', '-t', '3',
    '-c:v', 'libx264', '-profile:v', 'baseline', '-pix_fmt', 'yuv420p', '-g', '25',
    ...extra, '-f', 'mp4', '-movflags', movflags, 'pipe:1',
  ], { maxBuffer: 64 * 1024 * 1024 });
}

beforeAll(() => {
  fragmented = encode('frag_keyframe+empty_moov+default_base_moof', []);
  cutByDuration = encode('empty_moov+default_base_moof', ['-frag_duration', '400000']);
}, 60_000);

function readAll(bytes: Buffer, chunk: number): Box[] {
  const reader = new BoxReader();
  const boxes: Box[] = [];
  for (let at = 0; at < bytes.length; at += chunk) {
    boxes.push(...reader.push(bytes.subarray(at, at + chunk)));
  }
  return boxes;
}

describe('reading fragmented MP4 from a pipe', () => {
  it('cuts the stream into whole boxes however the pipe splits it', () => {
    const boxes = readAll(fragmented, 1_000);
    const types = boxes.map((b) => b.type);

    expect(types.slice(0, 2)).toEqual(['ftyp', 'moov']);
    expect(types.filter((t) => t === 'moof')).toHaveLength(3);
    expect(Buffer.concat(boxes.map((b) => b.data)).equals(fragmented)).toBe(true);
  });

  it('reads the codec string a browser needs and the picture size from the moov', () => {
    const moov = readAll(fragmented, 65_536).find((b) => b.type === 'moov')!;
    expect(readTrackInfo(moov.data)).toEqual({
      codec: 'h264', mimeCodec: 'avc1.42c00d', width: 320, height: 240,
    });
  });

  it('names H.265 for what it is, with no codec string a browser could play', () => {
    const hevc = execFileSync('ffmpeg', [
      '-hide_banner', '-loglevel', 'error', '-nostdin',
      '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=25', '-t', '1',
      '-c:v', 'libx265', '-x265-params', 'log-level=error', '-pix_fmt', 'yuv420p',
      '-f', 'mp4', '-movflags', 'frag_keyframe+empty_moov+default_base_moof', 'pipe:1',
    ], { maxBuffer: 16 * 1024 * 1024 });
    const moov = readAll(hevc, 65_536).find((b) => b.type === 'moov')!;

    expect(readTrackInfo(moov.data)).toEqual({
      codec: 'hevc', mimeCodec: null, width: 320, height: 240,
    });
  }, 60_000);

  it('knows which fragments start with a keyframe', () => {
    const keyed = readAll(fragmented, 65_536).filter((b) => b.type === 'moof');
    expect(keyed.map((b) => startsWithKeyframe(b.data))).toEqual([true, true, true]);

    const timed = readAll(cutByDuration, 65_536).filter((b) => b.type === 'moof');
    const flags = timed.map((b) => startsWithKeyframe(b.data));
    // Cut every 0.4 s with a keyframe every 1 s: the first starts with one, most do not.
    expect(flags[0]).toBe(true);
    expect(flags.filter((f) => !f).length).toBeGreaterThan(flags.length / 2);
  });

  it('refuses bytes that are not MP4 rather than buffering them for ever', () => {
    expect(() => new BoxReader().push(Buffer.from('RTSP/1.0 200 OK\r\n\r\n'))).toThrow(/MP4/);
  });
});

describe('the live hub', () => {
  it('gives a late joiner the init segment, then whole fragments from the next one', () => {
    const hub = new LiveHub('cam-east', silentLogger(), () => 1_000);
    const early: LiveEvent[] = [];
    hub.subscribe((e) => early.push(e));
    hub.beginRun();

    const half = Math.floor(fragmented.length / 2);
    hub.feed(fragmented.subarray(0, half));
    const late: LiveEvent[] = [];
    const subscription = hub.subscribe((e) => late.push(e));
    hub.feed(fragmented.subarray(half));
    hub.interrupt('stall');

    expect(early.map((e) => e.kind)).toEqual(['init', 'fragment', 'fragment', 'fragment',
      'interrupted']);
    expect(late[0]).toMatchObject({ kind: 'init', init: { codec: 'h264', width: 320 } });
    expect(late.at(-1)).toEqual({ kind: 'interrupted', reason: 'stall', at: 1_000 });
    const lateFragments = late.filter((e) => e.kind === 'fragment');
    expect(lateFragments.length).toBeGreaterThanOrEqual(1);
    expect(lateFragments.every((e) => e.kind === 'fragment' && e.keyframe)).toBe(true);
    expect(hub.currentInit()).toBeNull();

    subscription.close();
    expect(hub.subscriberCount()).toBe(1);
  });

  it('drops a listener that throws and keeps serving the others', () => {
    const hub = new LiveHub('cam-east', silentLogger());
    const good: string[] = [];
    hub.subscribe(() => {
      throw new Error('socket gone');
    });
    hub.subscribe((e) => good.push(e.kind));
    hub.beginRun();
    hub.feed(fragmented);

    expect(hub.subscriberCount()).toBe(1);
    expect(good).toEqual(['init', 'fragment', 'fragment', 'fragment']);
  });
});
