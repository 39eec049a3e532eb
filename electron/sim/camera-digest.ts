// The camera side of HTTP Digest, as the camera simulators check it: a 401 with a fresh nonce,
// then the client's answer recomputed from the password. Kept apart from the client's code
// (electron/devices/barrier/digest.ts) so each is tested against an independent peer.
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface DigestGuard {
  /** True when the request carries a valid answer; otherwise it has sent the 401 itself. */
  admit(req: IncomingMessage, res: ServerResponse): boolean;
}

/** How many nonces a simulated camera remembers; the oldest is forgotten first. */
const NONCES_KEPT = 64;

export function digestGuard(realm: string, username: string, password: string): DigestGuard {
  const nonces: string[] = [];

  const challenge = (res: ServerResponse) => {
    const nonce = randomBytes(16).toString('hex');
    nonces.push(nonce);
    if (nonces.length > NONCES_KEPT) nonces.shift();
    res.writeHead(401, {
      'www-authenticate': `Digest realm="${realm}", qop="auth", nonce="${nonce}", ` +
        'algorithm=MD5, stale=FALSE',
      'content-type': 'text/plain',
    });
    res.end('401 Unauthorized');
  };

  return {
    admit(req, res) {
      const fields = fieldsOf(req.headers.authorization);
      const ok = fields !== null && fields.username === username && fields.realm === realm &&
        nonces.includes(fields.nonce ?? '') && fields.uri === req.url &&
        fields.response === expected(fields, req.method ?? 'GET', password);
      if (!ok) challenge(res);
      return ok;
    },
  };
}

function fieldsOf(header: string | undefined): Record<string, string> | null {
  if (!header?.startsWith('Digest ')) return null;
  const fields: Record<string, string> = {};
  for (const m of header.slice(7).matchAll(/(\w+)=(?:"([^"]*)"|([^\s,]+))/g)) {
    fields[m[1]!] = m[2] ?? m[3] ?? '';
  }
  return fields;
}

function expected(f: Record<string, string>, method: string, password: string): string {
  const md5 = (s: string) => createHash('md5').update(s).digest('hex');
  const ha1 = md5(`${f.username}:${f.realm}:${password}`);
  const ha2 = md5(`${method}:${f.uri}`);
  if (f.qop !== 'auth') return md5(`${ha1}:${f.nonce}:${ha2}`);
  return md5(`${ha1}:${f.nonce}:${f.nc}:${f.cnonce}:auth:${ha2}`);
}
