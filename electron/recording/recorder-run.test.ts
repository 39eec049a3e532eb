import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createRootLogger, LogRing } from '../log/logger.ts';
import { trackChild } from '../../native/ffmpeg-process.ts';
import { RecorderRun } from './recorder-run.ts';

/** pino's numeric level of warnings: the health report's "last errors" start there. */
const WARN = 40;

function finishedRun(exitCode: number): Promise<RecorderRun> {
  const child = spawn(process.execPath, ['-e', `process.exit(${exitCode})`]);
  const run = new RecorderRun(trackChild(child), Date.now());
  return run.tracked.closed.then(() => run);
}

describe("one recorder run's stderr", () => {
  it("keeps a camera's start-up warnings out of the health report's last errors", async () => {
    const ring = new LogRing();
    const log = createRootLogger({ ring });
    const run = await finishedRun(1);

    run.onStderr('[rtsp @ 0x55d4] [warning] max delay reached. need to consume packet', log);
    run.onStderr('[mp4 @ 0x5603] [warning] Timestamps are unset in a packet for stream 0', log);
    run.onStderr('[error] rtsp://***:***@10.0.0.7/live: Connection refused', log);

    expect(ring.recent(WARN).map((l) => l.msg)).toEqual(['ffmpeg']);
    expect(ring.recent(0)).toHaveLength(3);
    expect(run.cause()).toBe('source-lost');
    expect(run.detail()).toBe('[error] rtsp://***:***@10.0.0.7/live: Connection refused');
  });

  it('reads a clean exit of a live input as the camera ending the stream', async () => {
    expect((await finishedRun(0)).cause()).toBe('source-lost');
    expect((await finishedRun(1)).cause()).toBe('recorder-exit');

    const stalled = await finishedRun(255);
    stalled.killedFor = 'no frame for 6100 ms';
    expect(stalled.cause()).toBe('stall');
    expect(stalled.detail()).toBe('no frame for 6100 ms');
  });
});
