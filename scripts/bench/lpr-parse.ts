// lpr_parse_per_s_<vendor>: how many plate reads one core parses per second from each vendor's
// push as the camera sends it — Hikvision multipart (XML and two JPEGs), Vzenith JSON and Dahua
// ITSAPI JSON (base64 pictures), Huaxia forms (URL-safe base64) — pictures decoded into bytes,
// through the same adapter the listener calls. The body arrives in 64 kB chunks, as from a socket.
import { ADAPTERS } from '../../electron/devices/lpr/adapters.ts';
import type { LprVendorName } from '../../electron/devices/lpr/plate-read.ts';
import type { Push } from '../../electron/sim/lpr-sender.ts';
import { loadDemoImages } from '../../electron/sim/lpr-sender.ts';
import { vendorPush } from '../../electron/sim/lpr-vendor-push.ts';
import type { BenchContext, Measure, MeasureGroup } from './registry.ts';
import { withComment } from './pictures.ts';
import { round2 } from './stats.ts';

const VENDORS: readonly LprVendorName[] = ['hikvision', 'dahua', 'vzenith', 'huaxia'];

export const LPR_PARSE_MEASURES = VENDORS.map((v) => `lpr_parse_per_s_${v}`);

/** Distinct pushes per vendor, cycled: different plates and ids, the demo's real JPEGs. */
const PUSHES = 200;

/** At least this long per vendor, so timer resolution and warm-up do not show. */
const MIN_RUN_MS = 1_500;

/** Parses before the clock starts, so the measure is of optimised code. */
const WARM_UP = 200;

/** A socket hands the body over in pieces of about this size. */
const CHUNK_BYTES = 64 * 1024;

export const lprParse: MeasureGroup = {
  id: 'lpr-parse',
  names: LPR_PARSE_MEASURES,
  run,
};

async function run(ctx: BenchContext): Promise<Measure[]> {
  const measures: Measure[] = [];
  for (const vendor of VENDORS) {
    const pushes = buildPushes(vendor);
    for (let i = 0; i < WARM_UP; i++) await parseOne(vendor, pushes[i % PUSHES]!);

    let done = 0;
    let imageBytes = 0;
    const started = performance.now();
    let elapsed = 0;
    while (elapsed < MIN_RUN_MS) {
      for (const p of pushes) imageBytes += await parseOne(vendor, p);
      done += pushes.length;
      elapsed = performance.now() - started;
    }

    const perSecond = round2(done / (elapsed / 1000));
    ctx.note(`${vendor}: ${done} reads in ${Math.round(elapsed)} ms, ` +
      `${Math.round(imageBytes / done / 1024)} kB of pictures each`);
    measures.push({ name: `lpr_parse_per_s_${vendor}`, value: perSecond, unit: 'reads/s' });
  }
  return measures;
}

interface BenchPush extends Push {
  path: string;
  chunks: Buffer[];
}

/**
 * A real push carries a 1080p scene of about 150 kB and a plate crop of a few kB; the demo's
 * scene is far smaller, so it is padded with JPEG comment segments (still a valid JPEG) to the
 * size the parsers meet on site.
 */
const SCENE_BYTES = 150 * 1024;
const MAX_COMMENT = 60_000;

function siteSizedImages(): { plate: Buffer; scene: Buffer } {
  const { plate, scene } = loadDemoImages();
  let padded = scene;
  while (padded.length < SCENE_BYTES) {
    const missing = Math.min(MAX_COMMENT, SCENE_BYTES - padded.length);
    padded = withComment(padded, 'x'.repeat(Math.max(1, missing - 4)));
  }
  return { plate, scene: padded };
}

function buildPushes(vendor: LprVendorName): BenchPush[] {
  const images = siteSizedImages();
  const at = Date.now();
  const pushes: BenchPush[] = [];
  for (let n = 0; n < PUSHES; n++) {
    const { push, path } = vendorPush(vendor, {
      plate: `豫B${String(n).padStart(5, '0')}`, color: 'yellow', seq: n + 1,
      serial: 'bench-0001', images, at: at - n * 1000,
    });
    const chunks: Buffer[] = [];
    for (let i = 0; i < push.body.length; i += CHUNK_BYTES) {
      chunks.push(push.body.subarray(i, i + CHUNK_BYTES));
    }
    pushes.push({ ...push, path, chunks });
  }
  return pushes;
}

/** Parses one push; returns the picture bytes of its read (and throws if it is no read). */
async function parseOne(vendor: LprVendorName, p: BenchPush): Promise<number> {
  const result = await ADAPTERS[vendor].parse(p.headers, p.chunks, {
    cameraId: 'bench', receivedAt: Date.now(), maxBodyBytes: 16 * 1024 * 1024,
    subPath: p.path, timeZone: 'Asia/Shanghai',
  });
  if (result.kind !== 'read') throw new Error(`${vendor} push parsed as ${result.kind}`);
  if (result.read.images.length === 0) throw new Error(`${vendor} read lost its pictures`);
  return result.read.images.reduce((sum, i) => sum + i.bytes.length, 0);
}
