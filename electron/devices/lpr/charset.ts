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
 * Characters a camera's text does not contain: C1 controls, the Latin-1 signs
 * other than the common · ° ± × ÷, everything from Latin Extended to the end
 * of the symbol blocks, private use and U+FFFD. Chinese (U+3000–U+9FFF),
 * full-width forms, Latin-1 letters and the quotes, dashes and ellipsis of
 * Chinese typesetting pass.
 */
const UNLIKELY_IN_PUSH = new RegExp(`[${[
  '\\u0080-\\u00af', '\\u00b2-\\u00b6', '\\u00b8-\\u00bf', // C1 controls, Latin-1 signs
  '\\u0100-\\u2012', '\\u2015-\\u2017', '\\u201a\\u201b', '\\u201e-\\u2025', '\\u2027-\\u2fff',
  '\\ue000-\\uf8ff\\ufffd',
].join('')}]`, 'g');

/** How many characters of the text no camera would send. */
function unlikelyCount(text: string): number {
  return text.match(UNLIKELY_IN_PUSH)?.length ?? 0;
}

/**
 * The body's text and charset: a declared Chinese charset is believed; otherwise bytes that are
 * not valid UTF-8 are GB18030 (firmware that declares UTF-8, or nothing, and sends GBK). Valid
 * UTF-8 is not proof: GBK's 豫 (D4 A5), 鲁 (C2 B3), 学, 使 and 应 are also valid two-byte
 * UTF-8 (ԥ, ³, ѧ, ʹ, Ӧ). So when the UTF-8 reading holds characters no camera sends, the
 * GB18030 reading wins if it holds fewer; UTF-8 keeps every tie.
 */
export function decodeText(bytes: Buffer, declared: string | null): {
  text: string; charset: TextCharset;
} {
  const decided = decodeByContent(bytes, declared);
  return { text: decided.text.replace(/^\uFEFF/, ''), charset: decided.charset };
}

/** Which charset the bytes are in, decided as decodeText decides it. */
export function detectCharset(bytes: Buffer, declared: string | null): TextCharset {
  return decodeByContent(bytes, declared).charset;
}

function decodeByContent(bytes: Buffer, declared: string | null): {
  text: string; charset: TextCharset;
} {
  if (declared && CHINESE_CHARSETS.has(declared)) {
    return { text: iconv.decode(bytes, 'gb18030'), charset: 'gb18030' };
  }
  if (!isValidUtf8(bytes)) return { text: iconv.decode(bytes, 'gb18030'), charset: 'gb18030' };

  const utf8 = bytes.toString('utf8');
  const suspicious = unlikelyCount(utf8);
  if (suspicious === 0) return { text: utf8, charset: 'utf-8' };
  const gbk = iconv.decode(bytes, 'gb18030');
  return unlikelyCount(gbk) < suspicious
    ? { text: gbk, charset: 'gb18030' }
    : { text: utf8, charset: 'utf-8' };
}

/** Text as GB18030 bytes: what GBK firmware (and the simulators imitating it) sends. */
export function encodeGb18030(text: string): Buffer {
  return iconv.encode(text, 'gb18030');
}
