// Serves the built renderer. Paths are resolved inside the UI folder only (no traversal), and
// every page carries a strict Content-Security-Policy: scripts only from this origin.
import { promises as fs } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { ServerResponse } from 'node:http';
import { CONTENT_SECURITY_POLICY } from '../config/csp.ts';


const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export async function serveStatic(root: string, pathname: string, res: ServerResponse) {
  const relative = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
  const file = join(root, relative);
  if (file !== root && !file.startsWith(root.endsWith(sep) ? root : root + sep)) {
    res.writeHead(400).end();
    return;
  }

  let target = file;
  const stat = await fs.stat(target).catch(() => null);
  if (!stat || stat.isDirectory()) target = join(root, 'index.html');

  const body = await fs.readFile(target).catch(() => null);
  if (!body) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('UI not built: run npm run build');
    return;
  }
  res.writeHead(200, {
    'content-type': TYPES[extname(target)] ?? 'application/octet-stream',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': target.endsWith('index.html') ? 'no-store' : 'max-age=3600',
  });
  res.end(body);
}
