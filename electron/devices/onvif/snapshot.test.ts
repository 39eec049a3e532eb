// A camera without an HTTP snapshot still gives the installer a picture: one frame read from
// its RTSP stream by ffmpeg. The camera here is the demo's (ffmpeg test pattern through the
// GStreamer RTSP relay), found through its ONVIF service as the wizard finds it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../log/logger.ts';
import { startCameraSim, type CameraSim } from '../../sim/camera.ts';
import { startOnvifResponder, type OnvifResponder } from '../../sim/onvif-responder.ts';
import { probeCamera } from './camera-probe.ts';
import { captureSnapshot } from './snapshot.ts';

const USER = 'admin';
const PASSWORD = 'rtsp-only-cam';
/** ffmpeg needs the first keyframe (one a second) and the relay a moment to start. */
const FRAME_TIMEOUT_MS = 20_000;

let camera: CameraSim;
let onvif: OnvifResponder;

beforeAll(async () => {
  camera = await startCameraSim({ mount: 'snap', width: 640, height: 360, fps: 10,
    log: silentLogger() });
  onvif = await startOnvifResponder({ username: USER, password: PASSWORD,
    streamUri: camera.rtspUrl, log: silentLogger() });
}, 60_000);

afterAll(async () => {
  await onvif?.stop();
  await camera?.stop();
});

describe('a snapshot from a camera that serves none over HTTP', () => {
  it('falls back to one JPEG frame from the RTSP stream', async () => {
    const info = await probeCamera({ url: onvif.url, username: USER, password: PASSWORD,
      timeoutMs: 8_000 });
    if (!info.ok) throw new Error(info.error);

    const shot = await captureSnapshot({ snapshotUri: info.snapshotUri, streamUri: info.streamUri,
      username: USER, password: PASSWORD, timeoutMs: FRAME_TIMEOUT_MS });

    expect(shot).toMatchObject({ ok: true, mime: 'image/jpeg', via: 'rtsp' });
    expect(shot.ok && shot.bytes.subarray(0, 2).toString('hex')).toBe('ffd8');
    expect(shot.ok && shot.bytes.subarray(-2).toString('hex')).toBe('ffd9');
  }, 60_000);

  it('says why when neither the snapshot nor the stream gives a picture', async () => {
    const shot = await captureSnapshot({ snapshotUri: null,
      streamUri: 'rtsp://127.0.0.1:9/none', username: USER, password: PASSWORD,
      timeoutMs: 3_000 });

    expect(shot.ok).toBe(false);
    expect(!shot.ok && shot.error).toMatch(/^No frame from the RTSP stream: /);
    expect(JSON.stringify(shot)).not.toContain(PASSWORD);
  }, 30_000);
});
