// WS-Security UsernameToken with PasswordDigest, as ONVIF cameras check it:
//   Digest = Base64(SHA1(Base64Decode(Nonce) + Created + Password))
// plus the freshness check real cameras apply to Created, so a replayed header is refused.
import { createHash, timingSafeEqual } from 'node:crypto';

/** Cameras accept a Created within a few minutes of their clock; clients correct for offset. */
export const CREATED_TOLERANCE_MS = 5 * 60_000;

export interface UsernameToken {
  username: string;
  digest: string;
  nonce: string;
  created: string;
}

export type TokenCheck = { ok: true } | { ok: false; reason: string };

export function passwordDigest(nonceBase64: string, created: string, password: string): string {
  const nonce = Buffer.from(nonceBase64, 'base64');
  const input = Buffer.concat([nonce, Buffer.from(created, 'utf8'), Buffer.from(password, 'utf8')]);
  return createHash('sha1').update(input).digest('base64');
}

export function checkUsernameToken(
  token: UsernameToken | null,
  expected: { username: string; password: string },
  now: number,
): TokenCheck {
  if (!token) return { ok: false, reason: 'no UsernameToken' };
  if (token.username !== expected.username) return { ok: false, reason: 'unknown user' };

  const createdAt = Date.parse(token.created);
  if (Number.isNaN(createdAt)) return { ok: false, reason: 'unreadable Created' };
  if (Math.abs(now - createdAt) > CREATED_TOLERANCE_MS) {
    return { ok: false, reason: 'Created outside the clock tolerance' };
  }

  const want = Buffer.from(passwordDigest(token.nonce, token.created, expected.password));
  const got = Buffer.from(token.digest);
  if (want.length !== got.length || !timingSafeEqual(want, got)) {
    return { ok: false, reason: 'wrong password digest' };
  }
  return { ok: true };
}

/**
 * Reads the token out of a parsed SOAP header (namespace prefixes removed, attributes dropped,
 * values kept as strings), tolerating the shapes clients send: default namespaces on Security or
 * Created, and Password/Nonce elements that carry Type/EncodingType attributes.
 */
export function readUsernameToken(header: unknown): UsernameToken | null {
  const security = child(header, 'Security');
  const token = child(security, 'UsernameToken');
  if (!token) return null;

  const username = text(child(token, 'Username'));
  const digest = text(child(token, 'Password'));
  const nonce = text(child(token, 'Nonce'));
  const created = text(child(token, 'Created'));
  if (username === null || digest === null || nonce === null || created === null) return null;
  return { username, digest, nonce, created };
}

function child(node: unknown, name: string): unknown {
  if (node === null || typeof node !== 'object') return undefined;
  return (node as Record<string, unknown>)[name];
}

function text(node: unknown): string | null {
  if (typeof node === 'string') return node.trim();
  if (typeof node === 'number') return String(node);
  const inner = child(node, '#text');
  return typeof inner === 'string' ? inner.trim() : null;
}

/** The realm the simulated camera's HTTP Digest challenge names, as Hikvision firmware does. */
export const DIGEST_REALM = 'IP Camera(GH-SIM)';

export function digestChallenge(nonce: string): string {
  return `Digest qop="auth", realm="${DIGEST_REALM}", nonce="${nonce}", stale="FALSE"`;
}

/** Checks an HTTP Digest Authorization header (MD5, qop=auth or none) against the account. */
export function checkDigest(
  header: string | undefined,
  method: string,
  expected: { username: string; password: string },
  nonces: Set<string>,
): TokenCheck {
  if (!header || !/^digest\s/i.test(header)) return { ok: false, reason: 'no Digest header' };
  const p: Record<string, string> = {};
  for (const m of header.slice(7).matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g)) {
    p[m[1]!.toLowerCase()] = m[2] ?? m[3] ?? '';
  }
  if (p.username !== expected.username) return { ok: false, reason: 'unknown user' };
  if (!p.nonce || !nonces.has(p.nonce)) return { ok: false, reason: 'stale nonce' };

  const md5 = (s: string) => createHash('md5').update(s).digest('hex');
  const ha1 = md5(`${expected.username}:${DIGEST_REALM}:${expected.password}`);
  const ha2 = md5(`${method}:${p.uri ?? ''}`);
  const want = p.qop
    ? md5(`${ha1}:${p.nonce}:${p.nc ?? ''}:${p.cnonce ?? ''}:${p.qop}:${ha2}`)
    : md5(`${ha1}:${p.nonce}:${ha2}`);
  return want === p.response ? { ok: true } : { ok: false, reason: 'wrong digest response' };
}
