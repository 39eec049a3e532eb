import { describe, expect, it } from 'vitest';
import {
  charsetOfContentType, charsetOfXmlDeclaration, decodeText, detectCharset, encodeGb18030,
} from './charset.ts';
import { parseForm } from './form.ts';

const PLATE = '粤B12345';

describe('push body charsets', () => {
  it('reads the declared charset from Content-Type and from an XML declaration', () => {
    expect(charsetOfContentType('application/json; charset="GBK"')).toBe('gbk');
    expect(charsetOfContentType('application/json')).toBeNull();
    expect(charsetOfXmlDeclaration(Buffer.from('<?xml version="1.0" encoding="GB2312"?><a/>')))
      .toBe('gb2312');
    expect(charsetOfXmlDeclaration(Buffer.from('<a/>'))).toBeNull();
  });

  it('believes a declared Chinese charset, else lets the bytes decide', () => {
    const gbk = encodeGb18030(PLATE);
    const utf8 = Buffer.from(PLATE);
    expect(detectCharset(gbk, 'gbk')).toBe('gb18030');
    expect(detectCharset(gbk, 'utf-8')).toBe('gb18030');
    expect(detectCharset(gbk, null)).toBe('gb18030');
    expect(detectCharset(utf8, null)).toBe('utf-8');
    expect(detectCharset(utf8, 'iso-8859-1')).toBe('utf-8');
  });

  it('decodes GBK and UTF-8 to the same text and drops a byte-order mark', () => {
    expect(decodeText(encodeGb18030(PLATE), 'gb2312').text).toBe(PLATE);
    expect(decodeText(encodeGb18030(PLATE), null).text).toBe(PLATE);
    expect(decodeText(Buffer.from(`\uFEFF${PLATE}`), null)).toEqual({ text: PLATE,
      charset: 'utf-8' });
  });

  it('decodes undeclared GBK even where its bytes also happen to be valid UTF-8', () => {
    // 豫 is D4 A5 in GBK, 鲁 C2 B3, 使 CA B9, 学 D1 A7, 应 D3 A6: each also
    // a valid two-byte UTF-8 sequence (ԥ ³ ʹ ѧ Ӧ), so "valid UTF-8" alone
    // misreads them.
    const plates = ['豫A12345', '鲁B23456', '京A1234使', '豫A1234学', '豫A1234应急'];
    for (const plate of plates) {
      const json = `{"license":"${plate}","colorType":2}`;
      expect(decodeText(encodeGb18030(json), null).text).toBe(json);
      expect(decodeText(encodeGb18030(json), 'utf-8').text).toBe(json);
      expect(decodeText(Buffer.from(json), null).text).toBe(json);
    }
  });

  it('keeps UTF-8 text whose Latin or punctuation is legitimate', () => {
    for (const text of ['豫A·12345', '温度 25°C', '3×2 车道', 'café', '“闸机”…']) {
      expect(decodeText(Buffer.from(text), null)).toEqual({ text, charset: 'utf-8' });
    }
  });

  it('unescapes form values to bytes before decoding them', () => {
    const utf8 = parseForm(Buffer.from(`plate_num=${encodeURIComponent(PLATE)}&a=b+c%2B`), null);
    expect([utf8.fields.get('plate_num'), utf8.fields.get('a'), utf8.charset])
      .toEqual([PLATE, 'b c+', 'utf-8']);

    const escaped = [...encodeGb18030(PLATE)].map((b) => `%${b.toString(16)}`).join('');
    const gbk = parseForm(Buffer.from(`plate_num=${escaped}&flag&x=%zz`), null);
    expect([gbk.fields.get('plate_num'), gbk.fields.get('flag'), gbk.fields.get('x'),
      gbk.charset]).toEqual([PLATE, '', '%zz', 'gb18030']);
  });
});
