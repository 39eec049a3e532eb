// A camera's full-size overview is larger than a platform takes inline: it goes re-encoded by a
// real ffmpeg, a valid JPEG under the limit, still named by the original's SHA-256.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { resolveFfmpeg, resolveFfprobe } from '../../../native/ffmpeg.ts';
import { passageFixture } from '../test-support.ts';
import { loadPlatformTable, platformTableSchema } from './code-tables.ts';
import { createPhotoFitter } from './photo-fit.ts';
import { toPlatformCodes, type WirePhoto } from './wire-codes.ts';

const ffmpeg = resolveFfmpeg();
const ffprobe = resolveFfprobe();
const T0 = Date.UTC(2025, 0, 15, 2, 0, 5);
const LIMIT = 100_000;

/** The http-token table with a stricter city's limit. */
const strictTable = platformTableSchema.parse({
  ...loadPlatformTable('http-token'), images: { encoding: 'base64', maxBytes: LIMIT },
});

/** A 1920x1080 test picture with grain, at the best quality: well above 300 KB. */
function largeJpeg(ffmpegPath: string): Buffer {
  return execFileSync(ffmpegPath, ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi',
    '-i', 'testsrc=size=1920x1080:rate=1', '-vf', 'noise=alls=20:allf=t', '-frames:v', '1',
    '-q:v', '2', '-f', 'image2pipe', '-c:v', 'mjpeg', 'pipe:1'], { maxBuffer: 64 << 20 });
}

function codecOf(ffprobePath: string, jpeg: Buffer): string {
  return execFileSync(ffprobePath, ['-v', 'error', '-select_streams', 'v:0',
    '-show_entries', 'stream=codec_name', '-of', 'default=nw=1:nk=1', 'pipe:0'],
  { input: jpeg }).toString().trim();
}

function capturingLogger(lines: string[]) {
  return pino({ level: 'warn' }, { write: (line: string) => void lines.push(line) });
}

function passageWith(photo: Buffer) {
  const sha256 = createHash('sha256').update(photo).digest('hex');
  const payload = { ...passageFixture({ plate: '冀A12345', direction: 1, passedAtMs: T0 }),
    photos: [sha256] };
  return { sha256, message: { messageId: 'm-fit', kind: 'passage', payload } };
}

// npm test installs ffmpeg before any test runs (scripts/system-tools.ts): nothing is skipped.
describe('photos above a platform\'s size limit', () => {
  it('has ffmpeg and ffprobe to work with', () => {
    expect(ffmpeg).not.toBeNull();
    expect(ffprobe).not.toBeNull();
  });

  it('go re-encoded under the limit, a valid JPEG carrying the original\'s SHA-256',
    async () => {
      const original = largeJpeg(ffmpeg!.path);
      expect(original.length).toBeGreaterThan(300_000);
      const { sha256, message } = passageWith(original);
      const fitPhoto = createPhotoFitter({ log: capturingLogger([]) });

      const coded = await toPlatformCodes(message, strictTable,
        { sentAt: T0, readPhoto: async (sha) => (sha === sha256 ? original : null), fitPhoto });

      const [photo] = (coded as { photos: WirePhoto[] }).photos;
      expect(photo).toMatchObject({ sha256, reencoded: true });
      expect(photo?.missing).toBeUndefined();
      const delivered = Buffer.from(photo?.base64 ?? '', 'base64');
      expect(delivered.length).toBeGreaterThan(0);
      expect(delivered.length).toBeLessThanOrEqual(LIMIT);
      expect(codecOf(ffprobe!.path, delivered)).toBe('mjpeg');
    }, 60_000);

  it('go as missing, with one warning, when even the smallest copy is too large', async () => {
    const original = largeJpeg(ffmpeg!.path);
    const lines: string[] = [];
    const fitPhoto = createPhotoFitter({ log: capturingLogger(lines) });

    expect(await fitPhoto(original, 1_000)).toBeNull();
    expect(await fitPhoto(original, 1_000)).toBeNull();

    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('could not be re-encoded');
  }, 60_000);

  it('go as missing, as before, when the profile has no way to re-encode', async () => {
    const original = largeJpeg(ffmpeg!.path);
    const { sha256, message } = passageWith(original);

    const coded = await toPlatformCodes(message, strictTable,
      { sentAt: T0, readPhoto: async () => original });

    expect((coded as { photos: WirePhoto[] }).photos).toEqual([
      { sha256, base64: null, missing: `larger than ${LIMIT} bytes` }]);
  });

  it('are not re-encoded when they are not JPEGs', async () => {
    const lines: string[] = [];
    const fitPhoto = createPhotoFitter({ log: capturingLogger(lines) });
    const png = Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), Buffer.alloc(500)]);

    expect(await fitPhoto(png, 100)).toBeNull();
    expect(lines[0]).toContain('not a JPEG');
  });
});
