// HTTP Digest authentication (RFC 7616, and RFC 2617 which most cameras still speak) for the
// commands we send to cameras: Hikvision ISAPI and Dahua CGI refuse Basic and insist on Digest.
// A request goes out bare, the camera answers 401 with a challenge, the request goes again
// with the answer. Written on node:crypto (docs/decisions.md says why no package).
import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';

export interface DigestChallenge {
  realm: string;
  nonce: string;
  qop: string | null;
  opaque: string | null;
  algorithm: 'MD5' | 'MD5-sess' | 'SHA-256' | 'SHA-256-sess';
}

export interface DigestCredentials {
  username: string;
  password: string;
}

export interface HttpAnswer {
  status: number;
  body: string;
  /** The body as it came, for answers that are not text (a plate picture). */
  bytes: Buffer;
}

export interface DigestRequest extends DigestCredentials {
  url: string;
  method: 'GET' | 'PUT' | 'POST';
  body?: string;
  contentType?: string;
  timeoutMs: number;
}

const ALGORITHMS = ['MD5', 'MD5-sess', 'SHA-256', 'SHA-256-sess'] as const;

/** Reads `Digest realm="…", nonce="…", qop="auth,auth-int"`; null when it is not Digest. */
export function parseChallenge(header: string | undefined): DigestChallenge | null {
  if (!header || !/^Digest\s/i.test(header)) return null;

  const fields = new Map<string, string>();
  const pairs = /([a-zA-Z-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g;
  for (const m of header.slice(6).matchAll(pairs)) {
    fields.set(m[1]!.toLowerCase(), m[2] ?? m[3] ?? '');
  }

  const nonce = fields.get('nonce');
  if (nonce === undefined) return null;
  const algorithm = ALGORITHMS.find((a) => a.toLowerCase() === fields.get('algorithm')
    ?.toLowerCase()) ?? 'MD5';
  // We only ever send auth (not auth-int): the cameras offer it, and bodies are tiny anyway.
  const offered = (fields.get('qop') ?? '').split(',').map((q) => q.trim());
  return {
    realm: fields.get('realm') ?? '',
    nonce,
    qop: offered.includes('auth') ? 'auth' : null,
    opaque: fields.get('opaque') ?? null,
    algorithm,
  };
}

/** The `Authorization` header answering a challenge for one request. */
export function authorizationFor(
  challenge: DigestChallenge, creds: DigestCredentials, method: string, uri: string,
  nc = 1, cnonce = randomBytes(8).toString('hex'),
): string {
  const hash = (s: string) =>
    createHash(challenge.algorithm.startsWith('SHA-256') ? 'sha256' : 'md5')
      .update(s).digest('hex');
  const count = nc.toString(16).padStart(8, '0');

  let ha1 = hash(`${creds.username}:${challenge.realm}:${creds.password}`);
  if (challenge.algorithm.endsWith('-sess')) ha1 = hash(`${ha1}:${challenge.nonce}:${cnonce}`);
  const ha2 = hash(`${method}:${uri}`);
  const response = challenge.qop
    ? hash(`${ha1}:${challenge.nonce}:${count}:${cnonce}:${challenge.qop}:${ha2}`)
    : hash(`${ha1}:${challenge.nonce}:${ha2}`);

  const parts = [
    `username="${quote(creds.username)}"`, `realm="${quote(challenge.realm)}"`,
    `nonce="${quote(challenge.nonce)}"`, `uri="${quote(uri)}"`,
    `algorithm=${challenge.algorithm}`, `response="${response}"`,
  ];
  if (challenge.qop) parts.push(`qop=${challenge.qop}`, `nc=${count}`, `cnonce="${cnonce}"`);
  if (challenge.opaque !== null) parts.push(`opaque="${quote(challenge.opaque)}"`);
  return `Digest ${parts.join(', ')}`;
}

/**
 * One request with Digest: bare first, then once more with the answer to the challenge. A
 * second 401 is returned as it is (wrong password): retrying would only lock the account, as
 * Hikvision does after a few failures.
 */
export async function digestRequest(req: DigestRequest): Promise<HttpAnswer> {
  const first = await send(req, undefined);
  if (first.status !== 401) return first;

  const challenge = parseChallenge(first.challenge);
  if (!challenge) return first;
  const url = new URL(req.url);
  const auth = authorizationFor(challenge, req, req.method, url.pathname + url.search);
  return send(req, auth);
}

interface RawAnswer extends HttpAnswer {
  challenge: string | undefined;
}

function send(req: DigestRequest, authorization: string | undefined): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const body = req.body === undefined ? undefined : Buffer.from(req.body, 'utf8');
    const headers: Record<string, string | number> = {};
    if (authorization) headers.authorization = authorization;
    if (body) {
      headers['content-type'] = req.contentType ?? 'application/xml';
      headers['content-length'] = body.length;
    }

    const outgoing = httpRequest(req.url, { method: req.method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const bytes = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, body: bytes.toString('utf8'), bytes,
          challenge: headerOf(res.headers['www-authenticate']) });
      });
      res.on('error', reject);
    });
    outgoing.setTimeout(req.timeoutMs, () =>
      outgoing.destroy(new Error(`no answer within ${req.timeoutMs} ms`)));
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** A camera may offer Basic and Digest in two headers; Digest is the one we answer. */
function headerOf(value: string | string[] | undefined): string | undefined {
  if (Array.isArray(value)) return value.find((v) => /^Digest\s/i.test(v)) ?? value[0];
  return value;
}

function quote(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}
