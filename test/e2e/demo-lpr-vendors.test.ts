// The demo with its lanes' cameras swapped, as an installer's training run would: lane 1 a
// Dahua camera whose attach stream Gatehouse holds open, lane 2 a Huaxia camera that opens on
// our reply, and takes a guard's manual open in the reply to its heartbeat. A guard sees each
// lane's scripted trucks on the Lanes API with their decisions.
// Then lane 1 a Hikvision camera writing the Metadata variant of its alert, and lane 2 a Vzenith
// camera polling in comet mode, which takes a guard's manual open in a heartbeat reply.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api.ts';
import { REPO, startDemo, waitFor, type DemoReady, type Started } from '../support/processes.ts';

const dir = mkdtempSync(join(tmpdir(), 'gatehouse-demo-vendors-'));
let demo: Started<DemoReady>;
let api: ApiClient;
let metadataDemo: Started<DemoReady> | undefined;

beforeAll(async () => {
  demo = await startDemo(['--demo', '--data', join(dir, 'data'), '--no-camera',
    '--lane1-camera', 'dahua-stream', '--lane2-camera', 'huaxia']);
  api = await new ApiClient(demo.ready.ui).login('guard', 'guard-demo');
}, 120_000);

afterAll(async () => {
  await demo?.stop();
  await metadataDemo?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The lane's passage of a plate, once the scripted trucks brought it and its barrier acted. */
async function passageOf(laneId: string, plate: string, client = api) {
  const p = await waitFor(`${plate} on ${laneId}`, async () => {
    const recent = await client.value('passages.recent', { laneId, limit: 50 });
    return recent.find((r) => r.plate === plate && r.barrier !== 'pending');
  }, 60_000, 250);
  return { plate: p.plate, color: p.plateColor, decision: p.decision, barrier: p.barrier,
    photos: p.photos.length };
}

describe('the demo with a Dahua stream camera and a Huaxia camera', () => {
  it('reads lane 1 from the Dahua attach stream, pictures included', async () => {
    expect(await passageOf('lane-1', '豫A12345')).toEqual({ plate: '豫A12345', color: 'yellow',
      decision: 'allow', barrier: 'opened', photos: 1 });
    expect(await passageOf('lane-1', '豫A54321')).toMatchObject({ decision: 'deny' });
  });

  it('reads lane 2 from Huaxia form pushes and opens it by the reply', async () => {
    expect(await passageOf('lane-2', '豫C88888')).toMatchObject({ decision: 'deny' });
    expect(await passageOf('lane-2', '豫A01234D')).toEqual({ plate: '豫A01234D',
      color: 'yellowGreen', decision: 'allow', barrier: 'camera-reply', photos: 2 });
  });

  it('opens lane 2 by hand through the Huaxia camera\'s next heartbeat', async () => {
    const opened = await api.value('lanes.manualOpen', { laneId: 'lane-2',
      reason: '道闸遥控器失灵' });

    expect(opened).toEqual({ opened: true, error: null, failure: null });
  }, 30_000);

  it('refuses an unknown camera vendor before starting', async () => {
    const child = spawn(process.execPath, ['electron/cli.ts', '--demo', '--headless',
      '--seconds', '1', '--data', join(dir, 'bad'), '--lane2-camera', 'dahua'],
    { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    expect(code).toBe(1);
    expect(err).toContain('--lane2-camera must be one of vzenith, huaxia');
  }, 60_000);
});

describe('the demo with a Hikvision Metadata camera and a comet-polling Vzenith camera', () => {
  it('reads lane 1 from Metadata alerts and opens lane 2 by hand through a heartbeat', async () => {
    metadataDemo = await startDemo(['--demo', '--data', join(dir, 'metadata'), '--no-camera',
      '--lane1-camera', 'hikvision-metadata', '--lane2-camera', 'vzenith']);
    const guard = await new ApiClient(metadataDemo.ready.ui).login('guard', 'guard-demo');

    expect(await passageOf('lane-1', '豫A12345', guard)).toEqual({ plate: '豫A12345',
      color: 'yellow', decision: 'allow', barrier: 'opened', photos: 2 });

    const opened = await guard.value('lanes.manualOpen', { laneId: 'lane-2',
      reason: '车牌污损，人工核实' });
    expect(opened).toEqual({ opened: true, error: null, failure: null });
  }, 120_000);
});
