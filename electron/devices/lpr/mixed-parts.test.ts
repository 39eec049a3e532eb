import { describe, expect, it } from 'vitest';
import { boundaryOf, MAX_PART_BYTES, MixedPartsReader, PartTooLargeError } from './mixed-parts.ts';

function partsOf(text: string | Buffer, size: number) {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text, 'latin1');
  const reader = new MixedPartsReader('myboundary');
  const parts = [];
  for (let i = 0; i < bytes.length; i += size) {
    parts.push(...reader.push(bytes.subarray(i, i + size)));
  }
  parts.push(...reader.end());
  return parts.map((p) => ({ type: p.headers['content-type'], body: p.body.toString('latin1') }));
}

describe('the multipart stream reader', () => {
  it('finds the boundary in a content type, with or without quotes and dashes', () => {
    expect(boundaryOf('multipart/x-mixed-replace; boundary=myboundary')).toBe('myboundary');
    expect(boundaryOf('multipart/mixed; boundary="--boundary"')).toBe('boundary');
    expect(boundaryOf('text/plain')).toBeNull();
  });

  it('reads LF-only streams, bare boundary lines and a preamble, in any chunking', () => {
    const stream = 'noise before the first part\n' +
      'myboundary\nContent-Type: text/plain\n\nHeartbeat\n' +
      '--myboundary\n--myboundary\nContent-Type: text/plain\nContent-Length: 5\n\nhello\n' +
      '--myboundary\r\nContent-Type: text/plain\r\n\r\nlast part\r\n';
    const expected = [
      { type: 'text/plain', body: 'Heartbeat' },
      { type: 'text/plain', body: 'hello' },
      { type: 'text/plain', body: 'last part' },
    ];
    for (const size of [1, 2, 7, stream.length]) expect(partsOf(stream, size)).toEqual(expected);
  });

  it('keeps binary bodies byte for byte, CR and LF inside them included', () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0x0d, 0x0a, 0x2d, 0x2d, 0x00, 0xff, 0xd9]);
    const stream = Buffer.concat([
      Buffer.from(`--myboundary\r\nContent-Type: image/jpeg\r\nContent-Length: ${jpeg.length}` +
        '\r\n\r\n'), jpeg, Buffer.from('\r\n--myboundary\r\n'),
    ]);
    expect(partsOf(stream, 1)).toEqual([{ type: 'image/jpeg', body: jpeg.toString('latin1') }]);
  });

  it('refuses a part that declares more than a camera ever sends', () => {
    const reader = new MixedPartsReader('myboundary');
    const head = `--myboundary\r\nContent-Length: ${MAX_PART_BYTES + 1}\r\n\r\n`;
    expect(() => reader.push(Buffer.from(head))).toThrow(PartTooLargeError);
  });
});
