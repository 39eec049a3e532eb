import { describe, expect, it } from 'vitest';
import { classifyFfmpegLine, meansSourceLost } from './ffmpeg-stderr.ts';

describe("the recorder's reading of ffmpeg's stderr", () => {
  it('tells start-up warnings from errors by the level tag', () => {
    const warning = '[rtsp @ 0x55d4530a1c0] [warning] max delay reached. need to consume packet';
    expect(classifyFfmpegLine(warning).level).toBe('warning');
    expect(classifyFfmpegLine('[mp4 @ 0x5603] [warning] Timestamps are unset in a packet')
      .level).toBe('warning');
    expect(classifyFfmpegLine('[error] rtsp://***:***@cam/live: Connection refused').level)
      .toBe('error');
    expect(classifyFfmpegLine('[fatal] Conversion failed!').level).toBe('fatal');
    expect(classifyFfmpegLine('    Last message repeated 3 times').level).toBe('other');
  });

  it('knows which errors mean the camera went away', () => {
    expect(meansSourceLost('[error] rtsp://cam/live: Connection refused')).toBe(true);
    expect(meansSourceLost('[rtsp @ 0x5604f4] [error] method DESCRIBE failed: 401 Unauthorized'))
      .toBe(true);
    expect(meansSourceLost('[error] rtsp://cam/live: End of file')).toBe(true);
    expect(meansSourceLost('[error] Error writing trailer: No space left on device')).toBe(false);
    expect(meansSourceLost('[segment @ 0x55d4530a1c0] [error] bad segment time')).toBe(false);
  });
});
