// The recording chain end to end on real processes: the demo camera (ffmpeg test source → RTP →
// GStreamer RTSP relay), found through its ONVIF responder by the onvif client, recorded by the
// segment recorder into fragmented MP4, indexed in a SQLite file and linked to a passage.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../electron/db/database.ts';
import { fetchStreamUri } from '../../electron/devices/onvif/onvif-client.ts';
import { createRootLogger, subsystemLogger, type Logger } from '../../electron/log/logger.ts';
import { probeVideo, type VideoProbe } from '../../electron/recording/probe.ts';
import { Recorder, type RecordedSegment } from '../../electron/recording/recorder.ts';
import {
  countSegments,
  insertSegment,
  segmentsForPassage,
} from '../../electron/recording/segments.ts';
import { startCameraSim, type CameraSim } from '../../electron/sim/camera.ts';
import { startOnvifResponder, type OnvifResponder } from '../../electron/sim/onvif-responder.ts';
import { resolveFfmpeg, resolveFfprobe } from '../../native/ffmpeg.ts';
import { runTool } from '../../native/ffmpeg-process.ts';

const RECORD_MS = 16_000;
const SEGMENT_SECONDS = 4;
const USER = 'admin';
const PASSWORD = 'Yard:gate@2024';

let dir: string;
let log: Logger;
let logFile: string;
let ffmpeg: string;
let ffprobe: string;
let camera: CameraSim | undefined;
let responder: OnvifResponder | undefined;
let recorder: Recorder | undefined;
let db: Db | undefined;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-recording-'));
  logFile = join(dir, 'gatehouse.log');
  log = createRootLogger({ file: logFile, level: 'debug' });
  ffmpeg = resolveFfmpeg()!.path;
  ffprobe = resolveFfprobe()!.path;

  camera = await startCameraSim({
    rtspPort: 0,
    mount: 'gate-east',
    width: 1280,
    height: 720,
    fps: 25,
    log: subsystemLogger(log, 'camera'),
  });
  responder = await startOnvifResponder({
    username: USER,
    password: PASSWORD,
    streamUri: camera.rtspUrl,
    log: subsystemLogger(log, 'onvif'),
  });
});

afterAll(async () => {
  await recorder?.stop();
  await responder?.stop();
  await camera?.stop();
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('recording the east gate camera', () => {
  it('records playable stream copies that cover the time and link to the passage', async () => {
    const found = await fetchStreamUri({
      url: responder!.url,
      username: USER,
      password: PASSWORD,
      timeoutMs: 5_000,
    });
    expect(found.ok).toBe(true);
    if (!found.ok) return;
    const streamUrl = new URL(found.rtspUrl);
    expect(decodeURIComponent(streamUrl.password)).toBe(PASSWORD);
    expect(`rtsp://${streamUrl.host}${streamUrl.pathname}`).toBe(camera!.rtspUrl);

    const source = await probeVideo(ffprobe, camera!.rtspUrl, ['-rtsp_transport', 'tcp']);
    expect(source).toMatchObject({ codec: 'h264', width: 1280, height: 720 });

    db = openDatabase(join(dir, 'gatehouse.db'));
    const segments: RecordedSegment[] = [];
    recorder = new Recorder({
      cameraId: 'cam-east',
      rtspUrl: found.rtspUrl,
      dir: join(dir, 'rec', 'cam-east'),
      segmentSeconds: SEGMENT_SECONDS,
      ffmpeg,
      ffprobe,
      onSegment: (segment) => {
        segments.push(segment);
        insertSegment(db!, segment, 'east');
      },
      log: subsystemLogger(log, 'recorder'),
    });

    const startedAt = Date.now();
    recorder.start();
    await sleep(RECORD_MS / 2);
    const truckAt = Date.now();
    insertPassage(db, 'p-truck', 'east', truckAt);
    await sleep(RECORD_MS / 2);
    const stoppedAt = Date.now();
    await recorder.stop();

    // At least three segments: 16 s of recording cut every 4 s, the last closed by stop().
    expect(segments.length).toBeGreaterThanOrEqual(3);
    expect(countSegments(db)).toBe(segments.length);

    const probes: VideoProbe[] = [];
    for (const segment of segments) {
      const decode = await runTool(ffmpeg, ['-v', 'error', '-nostdin', '-i', segment.path,
        '-f', 'null', '-'], 30_000);
      expect({ path: segment.path, ok: decode.ok, output: decode.stdout + decode.stderr })
        .toEqual({ path: segment.path, ok: true, output: '' });

      const probe = await probeVideo(ffprobe, segment.path);
      expect(probe).toMatchObject({ codec: source!.codec, width: source!.width,
        height: source!.height });
      expect(segment).toMatchObject({ codec: 'h264', width: 1280, height: 720 });
      expect(segment.bytes).toBeGreaterThan(10_000);
      probes.push(probe!);
    }

    // Each span is as long as the file's own duration, and the spans follow one another.
    segments.forEach((segment, k) => {
      const spanMs = segment.endAt - segment.startAt;
      expect(Math.abs(spanMs - probes[k]!.duration! * 1000)).toBeLessThan(150);
      if (k > 0) expect(Math.abs(segment.startAt - segments[k - 1]!.endAt)).toBeLessThan(200);
    });

    // Together they cover the real time of the recording: from the first keyframe after
    // connecting (within a few seconds of start) to the moment stop() was called.
    const first = segments[0]!;
    const last = segments.at(-1)!;
    expect(first.startAt).toBeGreaterThanOrEqual(startedAt - 200);
    expect(first.startAt - startedAt).toBeLessThan(3_000);
    expect(Math.abs(last.endAt - stoppedAt)).toBeLessThan(1_000);
    expect(last.endAt - last.startAt).toBeLessThan(SEGMENT_SECONDS * 1000 + 1_500);

    // The truck that passed mid-recording is linked to the segment showing that moment.
    const footage = segmentsForPassage(db, 'p-truck');
    expect(footage.length).toBeGreaterThanOrEqual(1);
    for (const segment of footage) {
      expect(segment.startAt).toBeLessThanOrEqual(truckAt);
      expect(segment.endAt).toBeGreaterThanOrEqual(truckAt);
    }

    // The camera password reached ffmpeg, and no log line.
    log.flush();
    const written = readFileSync(logFile, 'utf8');
    expect(written).toContain('recorder starting');
    expect(written).not.toContain('Yard');
  }, 90_000);
});

function insertPassage(database: Db, id: string, gateId: string, capturedAt: number): void {
  database
    .prepare(
      `INSERT INTO passages (id, lane_id, gate_id, camera_id, direction, plate, plate_color,
         read_plate_color, recognition_mode, decision, reason_code, reason_zh, reason_en,
         rule_version, control_state, captured_at, created_at, prev_hash, hash)
       VALUES (?, 'east-in', ?, 'lpr-east', 'in', '冀A12345', 'yellow', 'yellow', 'auto',
         'allow', 'ok', '放行', 'allowed', 'r1', 'normal', ?, ?, '', ?)`,
    )
    .run(id, gateId, capturedAt, capturedAt, `hash-${id}`);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
