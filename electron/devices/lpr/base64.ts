// Pictures inside JSON and form pushes are base64 strings of a few hundred kB. Checking them
// with a regular expression cost more than decoding them; this checks the alphabet in one
// pass, and Buffer decodes. Not base64 → null: the read counts without that picture.

const ALPHABET = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') {
  ALPHABET[c.charCodeAt(0)] = 1;
}

const WHITESPACE = /\s/;

/** The bytes of standard base64 (line breaks and spaces ignored), or null when it is not. */
export function decodeBase64(text: string | undefined): Buffer | null {
  if (!text) return null;
  const clean = WHITESPACE.test(text) ? text.replace(/\s+/g, '') : text;

  let end = clean.length;
  while (end > 0 && clean.charCodeAt(end - 1) === 0x3d && clean.length - end < 2) end--;
  for (let i = 0; i < end; i++) {
    const c = clean.charCodeAt(i);
    if (c >= 128 || ALPHABET[c] === 0) return null;
  }

  const bytes = Buffer.from(clean, 'base64');
  return bytes.length > 0 ? bytes : null;
}
