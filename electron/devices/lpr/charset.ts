// Text of a camera push as the camera meant it. Most firmware sends UTF-8; HCNetSDK-era Hikvision
// and some Vzenith builds send GBK (declared or not). GB18030 is a superset of GBK and GB2312, so
// every Chinese declaration is decoded as GB18030 by iconv-lite. Decoding happens once, on the
// whole body: a multi-byte character split across network reads is then never split here.
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

export type TextCharset = 'utf-8' | 'gb18030';

/** Declared names that mean "GBK family"; all decode as GB18030. */
const CHINESE_CHARSETS = new Set(['gbk', 'gb2312', 'gb18030', 'cp936', 'x-gbk', 'euc-cn']);

/** The `charset=` of a Content-Type header, lower case and unquoted; null when absent. */
export function charsetOfContentType(contentType: string | undefined): string | null {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return match ? match[1]!.toLowerCase() : null;
}

/** The `encoding` of an XML declaration at the start of the bytes; null when absent. */
export function charsetOfXmlDeclaration(bytes: Buffer): string | null {
  const head = bytes.subarray(0, 200).toString('latin1');
  const match = /^\s*(?:\uFEFF|\u00ef\u00bb\u00bf)?<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/i
    .exec(head);
  return match ? match[1]!.toLowerCase() : null;
}

/** True when the bytes are valid UTF-8 (a GBK body almost never is). Native, no decoding. */
export function isValidUtf8(bytes: Buffer): boolean {
  return isUtf8(bytes);
}

/**
 * Which charset the bytes are in: a declared Chinese charset is believed; otherwise UTF-8 when
 * the bytes are valid UTF-8, else GB18030 (firmware that declares UTF-8, or nothing, and sends
 * GBK is exactly the case this guards).
 */
export function detectCharset(bytes: Buffer, declared: string | null): TextCharset {
  if (declared && CHINESE_CHARSETS.has(declared)) return 'gb18030';
  return isValidUtf8(bytes) ? 'utf-8' : 'gb18030';
}

/** The text of the bytes in the detected charset, without a byte-order mark. */
export function decodeText(bytes: Buffer, declared: string | null): {
  text: string; charset: TextCharset;
} {
  const charset = detectCharset(bytes, declared);
  const text = charset === 'utf-8'
    ? bytes.toString('utf8')
    : iconv.decode(bytes, 'gb18030');
  return { text: text.replace(/^\uFEFF/, ''), charset };
}

/** Text as GB18030 bytes: what GBK firmware (and the simulators imitating it) sends. */
export function encodeGb18030(text: string): Buffer {
  return iconv.encode(text, 'gb18030');
}
