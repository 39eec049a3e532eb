// A GET that answers a camera's HTTP authentication challenge: Digest (RFC 7616, MD5 with
// qop=auth, what gate cameras send for snapshots) or Basic. One challenge, one retry: a second
// 401 means the user name or password is wrong, and we say so instead of asking again.
import { createHash, randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { request as requestTls } from 'node:https';

/** A snapshot is a few hundred kB; anything far bigger is not a picture. */
const MAX_BYTES = 8 * 1024 * 1024;

export interface HttpAnswer {
  status: number;
  type: string;
  body: Buffer;
}

export async function getWithAuth(url: string, username: string, password: string,
  timeoutMs: number): Promise<HttpAnswer & { challenge?: string }> {
  const first = await get(url, {}, timeoutMs);
  if (first.status !== 401 || !first.challenge || !username) return first;

  const authorization = answerChallenge(first.challenge, url, username, password);
  if (!authorization) return first;
  return get(url, { authorization }, timeoutMs);
}

function answerChallenge(challenge: string, url: string, username: string, password: string):
  string | null {
  if (/^basic/i.test(challenge)) {
    return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  }
  if (!/^digest/i.test(challenge)) return null;

  const params = parseChallenge(challenge);
  const realm = params.realm ?? '';
  const nonce = params.nonce ?? '';
  const uri = new URL(url).pathname + new URL(url).search;
  const md5 = (s: string) => createHash('md5').update(s).digest('hex');
  const ha1 = md5(`${username}:${realm}:${password}`);
  const ha2 = md5(`GET:${uri}`);
  const qop = params.qop?.split(',').map((q) => q.trim()).includes('auth') ? 'auth' : null;
  const cnonce = randomBytes(8).toString('hex');
  const nc = '00000001';
  const response = qop ? md5(`${ha1}:${nonce}:${nc}:${cnonce}:${qop}:${ha2}`)
    : md5(`${ha1}:${nonce}:${ha2}`);

  const fields = [`username="${username}"`, `realm="${realm}"`, `nonce="${nonce}"`,
    `uri="${uri}"`, `response="${response}"`];
  if (params.opaque) fields.push(`opaque="${params.opaque}"`);
  if (qop) fields.push(`qop=${qop}`, `nc=${nc}`, `cnonce="${cnonce}"`);
  return `Digest ${fields.join(', ')}`;
}

export function parseChallenge(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of header.replace(/^\w+\s+/, '').matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g)) {
    out[m[1]!.toLowerCase()] = m[2] ?? m[3] ?? '';
  }
  return out;
}

function get(url: string, headers: Record<string, string>, timeoutMs: number):
  Promise<HttpAnswer & { challenge?: string }> {
  const send = url.startsWith('https:') ? requestTls : request;
  return new Promise((resolve, reject) => {
    const req = send(url, { method: 'GET', headers, timeout: timeoutMs, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_BYTES) req.destroy(new Error('the answer is too large for a picture'));
        else chunks.push(c);
      });
      res.on('end', () => resolve({
        status: res.statusCode ?? 0,
        type: String(res.headers['content-type'] ?? ''),
        body: Buffer.concat(chunks),
        challenge: [res.headers['www-authenticate']].flat().find((h) => /digest/i.test(h ?? ''))
          ?? [res.headers['www-authenticate']].flat()[0],
      }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from the camera in ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}
