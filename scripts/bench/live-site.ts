// The live-latency bench's site (one gate, one lane watched by the clock camera, not recorded,
// so the picture comes from Gatehouse's own preview session) and the reader that runs inside
// Chromium to read the clock blocks of every presented frame.
import type { SiteConfig } from '../../electron/config/site.ts';

export function liveSite(onvif: { url: string; username: string; password: string }):
  SiteConfig {
  return {
    enterprise: { code: 'BENCH0001', name: '基准测试企业', uscc: '91410100MA00000001',
      regionCode: '410100', industry: 'cement', performanceLevel: 'B' },
    gates: [{ id: 'gate-1', name: '1号门' }],
    cameras: [{ id: 'cam-clock', name: '时钟摄像机', vendor: 'vzenith', address: '127.0.0.1',
      onvif, record: false }],
    lanes: [{ id: 'lane-1', gateId: 'gate-1', name: '1号车道', nameEn: 'Lane 1',
      direction: 'in', cameraId: 'cam-clock', barrier: { kind: 'camera-reply' } }],
    lpr: { host: '127.0.0.1', port: 0 },
    api: { host: '127.0.0.1', port: 0 },
    // Nothing listens there: the bench measures video, the outbox just waits.
    platform: { url: 'http://127.0.0.1:9/', appId: 'bench', secret: 'bench-secret-not-real' },
    recording: { segmentSeconds: 10 },
    rulesFile: 'henan-bulk-transport.json',
  };
}

export interface ClockReadInput {
  layout: { width: number; height: number; cols: number; rows: number; bits: number };
  ms: number;
  testId: string;
}

/**
 * Runs in the page (serialised by Playwright: no closures, no imports). For every frame the
 * <video> presents, reads each block's centre pixel, rebuilds the 40-bit millisecond clock and
 * returns now − clock. Readings more than a minute off are misreads and are dropped.
 */
export async function readClockInPage(input: ClockReadInput): Promise<number[]> {
  const { layout, ms, testId } = input;
  const video = document.querySelector(`[data-testid="${testId}"]`) as HTMLVideoElement;
  const canvas = document.createElement('canvas');
  canvas.width = layout.width;
  canvas.height = layout.height;
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  const bw = layout.width / layout.cols;
  const bh = layout.height / layout.rows;
  const mask = (1n << BigInt(layout.bits)) - 1n;
  const samples: number[] = [];
  const end = performance.now() + ms;

  await new Promise<void>((resolve) => {
    const onFrame = () => {
      const now = Date.now();
      context.drawImage(video, 0, 0, layout.width, layout.height);
      const pixels = context.getImageData(0, 0, layout.width, layout.height).data;
      let value = 0n;
      for (let i = layout.bits - 1; i >= 0; i--) {
        const x = Math.floor((i % layout.cols) * bw + bw / 2);
        const y = Math.floor(Math.floor(i / layout.cols) * bh + bh / 2);
        value = (value << 1n) | (pixels[(y * layout.width + x) * 4]! > 128 ? 1n : 0n);
      }
      const made = Number((BigInt(now) & ~mask) | value);
      const latency = now - made;
      if (latency > -1_000 && latency < 60_000) samples.push(latency);
      if (performance.now() < end) video.requestVideoFrameCallback(onFrame);
      else resolve();
    };
    video.requestVideoFrameCallback(onFrame);
  });
  return samples;
}
