// The device simulators as the sim CLI starts them: each prints its ready line, and the real
// drivers work against it (camera relay over HTTP Digest, serial gate and display board on a pty).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cameraCommandBarrier, serialFramesBarrier } from '../config/device-config.ts';
import { laneConfig } from '../config/site.ts';
import { createBarrier } from '../devices/barrier/barrier.ts';
import { LaneDisplays } from '../devices/display/lane-displays.ts';
import { createRootLogger, LogRing, silentLogger } from '../log/logger.ts';
import {
  runCameraRelayCommand, runDisplayBoardCommand, runSerialGateCommand,
} from './device-commands.ts';
import { createPtyPair, type PtyPair } from './pty.ts';

const log = silentLogger();
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

function capture() {
  const lines: string[] = [];
  return { lines, stdout: { write: (text: string) => lines.push(text) } };
}

async function pty(): Promise<PtyPair> {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-simcmd-'));
  const pair = await createPtyPair(dir);
  closers.push(async () => {
    await pair.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return pair;
}

describe('sim camera-relay', () => {
  it('announces its URL and opens for the camera-command barrier', async () => {
    const out = capture();
    const sim = await runCameraRelayCommand(['--vendor', 'dahua', '--password', 'pw-1'],
      { ...out, log });
    closers.push(() => sim.close());
    const ready = JSON.parse(out.lines[0]!) as { ready: true; url: string };
    const barrier = createBarrier(cameraCommandBarrier.parse({ kind: 'camera-command',
      vendor: 'dahua', url: ready.url, username: 'admin', password: 'pw-1' }), log);

    expect(await barrier.open()).toEqual({ ok: true });
    await barrier.close();
  });

  it('refuses a vendor it does not know', async () => {
    await expect(runCameraRelayCommand(['--vendor', 'vzenith'], { ...capture(), log }))
      .rejects.toThrow(/^usage: sim camera-relay/);
  });
});

describe('sim serial-gate and sim display-board', () => {
  it('answers the frames it was given on the command line', async () => {
    const pair = await pty();
    const sim = await runSerialGateCommand(['--path', pair.b, '--open', 'AA 01 01',
      '--ack', 'AA 01 81', '--checksum', 'xor8', '--checksum-skip', '1'], { ...capture(), log });
    closers.push(() => sim.close());
    const barrier = createBarrier(serialFramesBarrier.parse({ kind: 'serial-frames',
      path: pair.a, openFrame: 'AA0101', ackFrame: 'AA0181', checksum: 'xor8',
      checksumSkip: 1 }), log);

    expect(await barrier.open()).toEqual({ ok: true });
    await barrier.close();
  });

  it('logs the text the board shows', async () => {
    const pair = await pty();
    const ring = new LogRing();
    const sim = await runDisplayBoardCommand(['--path', pair.b],
      { ...capture(), log: createRootLogger({ ring }) });
    closers.push(() => sim.close());
    const displays = new LaneDisplays({ log, lanes: [laneConfig.parse({ id: 'lane-1',
      gateId: 'g', name: '1号', nameEn: 'Lane 1', direction: 'in', cameraId: 'cam-1',
      barrier: { kind: 'camera-reply' }, display: { kind: 'serial', path: pair.a } })] });
    closers.push(() => displays.close());

    expect(await displays.testText('lane-1', '欢迎光临')).toEqual({ shown: true, error: null });
    await vi.waitFor(() => expect(ring.recent().filter((l) => l.msg === 'display board'))
      .toHaveLength(2), { timeout: 5_000 });
  });
});
