import { describe, expect, it } from 'vitest';
import { decodeBase64 } from './base64.ts';

describe('base64 pictures', () => {
  it('decodes standard base64, with line breaks as some firmware wraps it', () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0xff, 0xd9]);
    const text = jpeg.toString('base64');
    expect(decodeBase64(text)).toEqual(jpeg);
    expect(decodeBase64(`${text.slice(0, 4)}\r\n${text.slice(4)}`)).toEqual(jpeg);
  });

  it('refuses what is not base64, and nothing at all', () => {
    for (const bad of ['abc$', 'ab=c', 'abc===', 'AAAA-_..', '图片', '', undefined]) {
      expect(decodeBase64(bad)).toBeNull();
    }
  });
});
