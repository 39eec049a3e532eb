// A GET of binary content (a snapshot) that answers a camera's HTTP authentication challenge:
// Digest (hashed by the barrier commands' client, electron/devices/barrier/digest.ts) or Basic.
// One challenge, one retry: a second 401 means the user name or password is wrong, and we say
// so instead of asking again (cameras lock an account after a few failures).
import { request } from 'node:http';
import { request as requestTls } from 'node:https';
import { authorizationFor, parseChallenge } from '../barrier/digest.ts';

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

/** Basic where the camera asks for it; Digest through the barrier commands' own client. */
function answerChallenge(challenge: string, url: string, username: string, password: string):
  string | null {
  if (/^basic/i.test(challenge)) {
    return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  }
  const digest = parseChallenge(challenge);
  if (!digest) return null;
  const target = new URL(url);
  return authorizationFor(digest, { username, password }, 'GET', target.pathname + target.search);
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
