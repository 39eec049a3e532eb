// application/x-www-form-urlencoded bodies as the camera meant them. URLSearchParams decodes
// percent escapes as UTF-8 only, so a GBK camera's `%D4%C1` would become U+FFFD; here each value's
// escapes become bytes first and the bytes are decoded in the body's charset.
import { detectCharset, decodeText, type TextCharset } from './charset.ts';

/** Field name → value; a repeated field keeps its first value (cameras never repeat one). */
export type FormFields = ReadonlyMap<string, string>;

/**
 * Splits and percent-decodes the body; the charset is detected over the text values together.
 * `pictureFields` are base64, ASCII when intact: they are kept out of the guess, so that one
 * damaged in transit cannot turn a UTF-8 plate into GB18030 mojibake.
 */
export function parseForm(
  body: Buffer, declared: string | null, pictureFields: ReadonlySet<string> = new Set(),
): {
  fields: FormFields; charset: TextCharset;
} {
  const raw = body.toString('latin1');
  const pairs = raw.split('&').filter((p) => p.length > 0).map((pair) => {
    const eq = pair.indexOf('=');
    const name = eq < 0 ? pair : pair.slice(0, eq);
    const value = eq < 0 ? '' : pair.slice(eq + 1);
    return { name: percentBytes(name), value: percentBytes(value) };
  });

  const text = pairs.filter((p) => !pictureFields.has(p.name.toString('latin1')));
  const charset = detectCharset(Buffer.concat(text.map((p) => p.value)), declared);
  const fields = new Map<string, string>();
  for (const { name, value } of pairs) {
    const key = decodeText(name, charset === 'gb18030' ? 'gb18030' : 'utf-8').text;
    if (fields.has(key)) continue;
    fields.set(key, decodeText(value, charset === 'gb18030' ? 'gb18030' : 'utf-8').text);
  }
  return { fields, charset };
}

/** `a+b%E7%B2%A4` → the bytes it stands for; a `%` without two hex digits stays literal. */
function percentBytes(text: string): Buffer {
  // Pictures are most of a push and their URL-safe base64 has nothing to unescape.
  if (!/[%+]/.test(text)) return Buffer.from(text, 'latin1');

  const out = Buffer.alloc(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2b) {
      out[n++] = 0x20;
      continue;
    }
    if (c === 0x25 && isHex(text.charCodeAt(i + 1)) && isHex(text.charCodeAt(i + 2))) {
      out[n++] = parseInt(text.slice(i + 1, i + 3), 16);
      i += 2;
      continue;
    }
    out[n++] = c & 0xff;
  }
  return out.subarray(0, n);
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}
