// The live view's server half on real ffmpeg output: the fragmented MP4 a camera's H.264 becomes
// is cut into an init segment and one fragment per frame with its keyframes found, the codec
// string MediaSource needs is read from it, H.265 is recognised (and turned into still
// pictures), a late viewer starts on a keyframe, a slow one skips ahead, and the preview session
// ends when nobody watches.
import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { resolveFfmpeg } from '../../native/ffmpeg.ts';
import { runTool } from '../../native/ffmpeg-process.ts';
import { silentLogger } from '../../electron/log/logger.ts';
import type { LiveEvent, LiveSource } from '../../electron/recording/live-source.ts';
import { videoEntry } from '../../electron/live/fmp4-boxes.ts';
import { Fmp4Splitter, type SplitPiece } from '../../electron/live/fmp4-splitter.ts';
import { attachViewer, MAX_QUEUED_BYTES } from '../../electron/live/live-viewer.ts';
import { PreviewSource } from '../../electron/live/preview-source.ts';
import { grabJpeg } from '../../electron/live/snapshots.ts';

const FPS = 25;
let dir: string;
let ffmpeg: string;
let h264: string;
let hevc: string;

/** A 3-s camera clip: 25 fps, a keyframe every second, as a gate camera's sub-stream. */
async function encode(out: string, codec: string[]): Promise<void> {
  const args = ['-hide_banner', '-loglevel', 'error', '-nostdin', '-f', 'lavfi'];
  args.push('-i', `testsrc=size=320x240:rate=${FPS}:duration=3`, '-pix_fmt', 'yuv420p');
  args.push(...codec, '-g', String(FPS), '-bf', '0', out);
  const run = await runTool(ffmpeg, args, 60_000);
  expect(run.error ?? '').toBe('');
}

/** What the preview session sends: the file copied to fragmented MP4, one frame a fragment. */
async function fragmented(input: string): Promise<Buffer> {
  const args = ['-hide_banner', '-loglevel', 'error', '-nostdin', '-i', input, '-map', '0:v:0'];
  args.push('-c', 'copy', '-f', 'mp4');
  args.push('-movflags', 'empty_moov+default_base_moof+frag_every_frame');
  args.push('pipe:1');
  const child = spawn(ffmpeg, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const chunks: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  const code = await new Promise((resolve) => child.once('close', resolve));
  expect(code).toBe(0);
  return Buffer.concat(chunks);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-live-'));
  ffmpeg = resolveFfmpeg()!.path;
  h264 = join(dir, 'sub-stream.mp4');
  hevc = join(dir, 'h265.mp4');
  await encode(h264, ['-c:v', 'libx264', '-preset', 'ultrafast', '-profile:v', 'baseline']);
  await encode(hevc, ['-c:v', 'libx265', '-preset', 'ultrafast',
    '-x265-params', 'log-level=error']);
}, 120_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('cutting a camera stream for the browser', () => {
  it('finds the init segment, a fragment per frame, its keyframes, the codec', async () => {
    const bytes = await fragmented(h264);
    const splitter = new Fmp4Splitter();
    const pieces: SplitPiece[] = [];
    // Pipe reads end anywhere: feed it in odd-sized bites.
    for (let at = 0; at < bytes.length; at += 1_777) {
      pieces.push(...splitter.push(bytes.subarray(at, at + 1_777)));
    }
    pieces.push(...splitter.flush());

    expect(pieces[0]!.kind).toBe('init');
    const fragments = pieces.slice(1) as Extract<SplitPiece, { kind: 'fragment' }>[];
    expect(fragments).toHaveLength(3 * FPS);
    expect(fragments.flatMap((f, i) => (f.keyframe ? [i] : []))).toEqual([0, 25, 50]);
    expect(videoEntry(pieces[0]!.data)).toEqual({ codec: 'h264', mimeCodec: 'avc1.42c00d',
      width: 320, height: 240 });
  }, 60_000);

  it('recognises H.265, which Chromium cannot be relied on to play, and grabs stills', async () => {
    const [init] = new Fmp4Splitter().push(await fragmented(hevc));
    expect(videoEntry(init!.data)).toEqual({ codec: 'hevc', mimeCodec: null, width: 320,
      height: 240 });

    const jpeg = await grabJpeg(ffmpeg, hevc, []);
    expect(jpeg?.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
  }, 60_000);

  it('refuses a stream that is not MP4 instead of buffering it forever', () => {
    expect(() => new Fmp4Splitter().push(Buffer.from('RTSP/1.0 401 Unauthorized\r\n\r\n')))
      .toThrow(/not a fragmented MP4/);
  });
});

describe('a viewer', () => {
  it('joins late: the init segment at once, then nothing until the next keyframe', async () => {
    const { source, send } = fakeSource();
    const socket = fakeSocket();
    send({ kind: 'init', init: initOf('h264') });
    attachViewer({ source, socket: socket.ws, startSnapshots: () => never() });

    send(fragment(false, 'p1'));
    send(fragment(true, 'k2'));
    send(fragment(false, 'p3'));
    expect(socket.sent).toEqual([
      'text:{"t":"init","mime":"video/mp4; codecs=\\"avc1.42c00d\\"","width":320,"height":240}',
      'bin:init', 'bin:k2', 'bin:p3',
    ]);
  });

  it('that falls behind skips to the next keyframe instead of lagging further', () => {
    const { source, send } = fakeSource();
    const socket = fakeSocket();
    attachViewer({ source, socket: socket.ws, startSnapshots: () => never() });
    send({ kind: 'init', init: initOf('h264') });
    send(fragment(true, 'k1'));

    socket.ws.bufferedAmount = MAX_QUEUED_BYTES + 1;
    send(fragment(false, 'p2'));
    socket.ws.bufferedAmount = 0;
    send(fragment(false, 'p3'));
    send(fragment(true, 'k4'));
    expect(socket.sent.slice(2)).toEqual(['bin:k1', 'bin:k4']);
  });

  it('of an H.265 camera gets still pictures with the reason, and they stop when it leaves', () => {
    const { source, send } = fakeSource();
    const socket = fakeSocket();
    let stopped = false;
    attachViewer({ source, socket: socket.ws, startSnapshots: (deliver) => {
      deliver(Buffer.from('jpeg-1'));
      return { intervalMs: 2_000, stop: () => void (stopped = true) };
    } });
    send({ kind: 'init', init: initOf('hevc') });
    send(fragment(true, 'k1'));

    expect(socket.sent).toEqual([
      'text:{"t":"snapshots","codec":"hevc","intervalMs":2000}', 'bin:jpeg-1',
    ]);
    socket.ws.emit('close');
    expect(stopped).toBe(true);
    expect(source.subscriberCount()).toBe(0);
  });
});

describe('the preview session', () => {
  it('runs while someone watches and stops once the last viewer has left', async () => {
    const preview = new PreviewSource({ cameraId: 'cam-east', rtspUrl: 'rtsp://unused',
      ffmpeg, log: silentLogger(), lingerMs: 200,
      inputArgs: ['-re', '-stream_loop', '-1', '-i', h264] });
    const events: LiveEvent['kind'][] = [];
    const first = preview.subscribe((e) => events.push(e.kind));
    expect(preview.isRunning()).toBe(true);

    await until(() => events.filter((k) => k === 'fragment').length >= FPS, 20_000);
    expect(events[0]).toBe('init');
    expect(preview.currentInit()?.mimeCodec).toBe('avc1.42c00d');

    const late: LiveEvent['kind'][] = [];
    const second = preview.subscribe((e) => late.push(e.kind));
    expect(late).toEqual(['init']);

    first.close();
    second.close();
    await until(() => !preview.isRunning(), 10_000);
    expect(preview.isRunning()).toBe(false);
    await preview.close();
  }, 60_000);
});

describe('a stuck camera session', () => {
  it('is killed and started again when it sends nothing while watched', async () => {
    // A server that accepts the connection and then says nothing, as a stuck camera does.
    const silent = createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    const port = (silent.address() as AddressInfo).port;
    const preview = new PreviewSource({ cameraId: 'cam-east', rtspUrl: 'rtsp://unused',
      ffmpeg, log: silentLogger(), stallMs: 500,
      inputArgs: ['-f', 'mpegts', '-i', `tcp://127.0.0.1:${port}`] });

    const events: LiveEvent[] = [];
    const watching = preview.subscribe((e) => events.push(e));
    await until(() => events.length > 0, 10_000);
    expect(events[0]).toMatchObject({ kind: 'interrupted', reason: 'source-lost' });
    expect(preview.isRunning()).toBe(true);

    watching.close();
    await preview.close();
    silent.close();
  }, 30_000);
});

// ---- fakes of the two ends a viewer sits between ------------------------------------------

function fakeSource(): { source: LiveSource; send(e: LiveEvent): void } {
  const listeners = new Set<(e: LiveEvent) => void>();
  let current: LiveEvent | null = null;
  const source: LiveSource = {
    cameraId: 'cam-east',
    currentInit: () => (current?.kind === 'init' ? current.init : null),
    subscribe(listener) {
      listeners.add(listener);
      if (current?.kind === 'init') listener(current);
      return { close: () => listeners.delete(listener) };
    },
    subscriberCount: () => listeners.size,
  };
  return {
    source,
    send(e) {
      if (e.kind === 'init') current = e;
      for (const l of listeners) l(e);
    },
  };
}

function fakeSocket() {
  const sent: string[] = [];
  const ws = Object.assign(new EventEmitter(), {
    OPEN: 1, readyState: 1, bufferedAmount: 0,
    send(data: string | Buffer) {
      sent.push(typeof data === 'string' ? `text:${data}` : `bin:${data.toString()}`);
    },
  });
  return { ws: ws as unknown as WebSocket & { bufferedAmount: number }, sent };
}

function initOf(codec: string) {
  return { data: Buffer.from('init'), codec, at: 0, width: 320, height: 240,
    mimeCodec: codec === 'h264' ? 'avc1.42c00d' : null };
}

function fragment(keyframe: boolean, name: string): LiveEvent {
  return { kind: 'fragment', data: Buffer.from(name), keyframe, at: 0 };
}

function never(): never {
  throw new Error('no snapshots expected for H.264');
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
}
