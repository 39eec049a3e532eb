// One picture from a camera, for the installer's test and for cameras that send no LPR
// pictures: the camera's HTTP snapshot address first (Digest or Basic auth), else one frame
// read from its RTSP stream by ffmpeg and encoded as JPEG. Credentials never reach a log line.
import { spawn } from 'node:child_process';
import { redactUrlCredentials } from '../../log/logger.ts';
import { resolveFfmpeg } from '../../../native/ffmpeg.ts';
import { getWithAuth } from './snapshot-http.ts';
import { withRtspCredentials } from './rtsp-credentials.ts';

/** JPEG starts with FF D8, PNG with 89 'PNG': what a snapshot answer must be to count. */
const JPEG_MAGIC = Buffer.from([0xff, 0xd8]);
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

export interface SnapshotSource {
  snapshotUri: string | null;
  streamUri: string | null;
  username: string;
  password: string;
  ffmpegPath?: string;
  timeoutMs: number;
}

export type SnapshotResult =
  | { ok: true; mime: string; bytes: Buffer; via: 'http' | 'rtsp' }
  | { ok: false; error: string };

export async function captureSnapshot(s: SnapshotSource): Promise<SnapshotResult> {
  let httpError: string | null = null;
  if (s.snapshotUri) {
    const got = await fromHttp(s).catch((err: Error) => ({ ok: false as const,
      error: redactUrlCredentials(err.message) }));
    if (got.ok) return got;
    httpError = got.error;
  }

  if (!s.streamUri) {
    return { ok: false, error: httpError ?? 'The camera has neither a snapshot nor a stream' };
  }
  const frame = await fromRtsp(s);
  if (frame.ok || !httpError) return frame;
  return { ok: false, error: `${httpError}; ${frame.error}` };
}

async function fromHttp(s: SnapshotSource): Promise<SnapshotResult> {
  const answer = await getWithAuth(s.snapshotUri!, s.username, s.password, s.timeoutMs);
  if (answer.status === 401) {
    return { ok: false, error: 'The camera refused the user name or password for its snapshot' };
  }
  if (answer.status !== 200) {
    return { ok: false, error: `The snapshot address answered HTTP ${answer.status}` };
  }
  if (answer.body.subarray(0, 2).equals(JPEG_MAGIC)) {
    return { ok: true, mime: 'image/jpeg', bytes: answer.body, via: 'http' };
  }
  if (answer.body.subarray(0, 4).equals(PNG_MAGIC)) {
    return { ok: true, mime: 'image/png', bytes: answer.body, via: 'http' };
  }
  return { ok: false, error: 'The snapshot address did not answer with a picture' };
}

/** One frame over RTSP/TCP, the I/O timeout in microseconds as ffmpeg's rtsp demuxer wants. */
function fromRtsp(s: SnapshotSource): Promise<SnapshotResult> {
  const ffmpeg = resolveFfmpeg(s.ffmpegPath);
  if (!ffmpeg) return Promise.resolve({ ok: false, error: 'ffmpeg was not found' });
  const url = withRtspCredentials(s.streamUri!, s.username, s.password);
  const args = ['-hide_banner', '-loglevel', 'error', '-rtsp_transport', 'tcp',
    '-timeout', String(s.timeoutMs * 1000), '-i', url, '-frames:v', '1', '-f', 'image2',
    '-c:v', 'mjpeg', 'pipe:1'];

  return new Promise((resolve) => {
    const child = spawn(ffmpeg.path, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), s.timeoutMs + 2_000);
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => {
      err = (err + c.toString()).slice(-500);
    });
    child.on('error', (e) => resolve({ ok: false, error: `ffmpeg: ${e.message}` }));
    child.on('close', () => {
      clearTimeout(timer);
      const bytes = Buffer.concat(out);
      if (bytes.subarray(0, 2).equals(JPEG_MAGIC)) {
        resolve({ ok: true, mime: 'image/jpeg', bytes, via: 'rtsp' });
        return;
      }
      const why = redactUrlCredentials(err.trim().split('\n').pop() ?? 'no frame');
      resolve({ ok: false, error: `No frame from the RTSP stream: ${why}` });
    });
  });
}
