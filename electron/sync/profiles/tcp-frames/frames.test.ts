// Length-prefixed frames survive any split a TCP stream makes, multi-byte characters included.
import { describe, expect, it } from 'vitest';
import { encodeFrame, FrameReader, MAX_FRAME_BYTES } from './frames.ts';

describe('tcp-frames framing', () => {
  it('reassembles frames split at every byte, a plate\'s Chinese characters included', () => {
    const frames = [{ type: 'data', body: { plate: '冀A12345', stage: '国六' } },
      { type: 'heartbeat', body: null }];
    const bytes = Buffer.concat(frames.map(encodeFrame));
    const reader = new FrameReader();

    const read: unknown[] = [];
    for (let i = 0; i < bytes.length; i++) {
      const result = reader.push(bytes.subarray(i, i + 1));
      if (!result.ok) throw new Error(result.error);
      read.push(...result.frames);
    }

    expect(read).toEqual(frames);
  });

  it('counts the length in bytes, not characters', () => {
    const frame = encodeFrame({ p: '冀' });

    expect(frame.readUInt32BE(0)).toBe(Buffer.byteLength('{"p":"冀"}'));
  });

  it('refuses a frame whose header claims more than the limit, before buffering it', () => {
    const header = Buffer.alloc(4);
    header.writeUInt32BE(MAX_FRAME_BYTES + 1, 0);

    expect(new FrameReader().push(header)).toEqual({ ok: false,
      error: `frame length ${MAX_FRAME_BYTES + 1}` });
  });
});
