// Video files over HTTP for the <video> element: `GET /api/media/clip/<id>.mp4` (a clip to
// watch) and `GET /api/media/export/<id>.mp4` (a finished export; `?download=1` saves it). A
// <video> cannot send headers, so the session token comes in the query (`?token=`), checked
// like the API's. Range requests are answered (single ranges), so the player can seek without
// downloading the whole file. Only files this host made are served: ids, never paths.
import { createReadStream, promises as fs } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerExtension } from '../api/server.ts';
import type { Caller } from '../api/dispatcher.ts';
import type { PlaybackService } from './playback-service.ts';

const ROUTE = /^\/api\/media\/(clip|export)\/([0-9a-f-]+)\.mp4$/;

/** Who may download an export: the contract's access list of `playback.export`. */
const EXPORT_ROLES = ['officer', 'manager', 'installer'];

export function mediaRoutes(playback: () => PlaybackService | null): ServerExtension {
  return {
    async request(req: IncomingMessage, res: ServerResponse, url: URL, caller: Caller) {
      const match = ROUTE.exec(url.pathname);
      if (!match) return false;
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD' }).end();
        return true;
      }
      if (!caller.user) {
        res.writeHead(401).end();
        return true;
      }

      const [, kind, id] = match as unknown as [string, 'clip' | 'export', string];
      if (kind === 'export' && !EXPORT_ROLES.includes(caller.user.role)) {
        res.writeHead(403).end();
        return true;
      }
      const service = playback();
      const path = kind === 'clip' ? service?.clips.pathOf(id) : service?.exports.pathOf(id);
      if (!path) {
        res.writeHead(404).end();
        return true;
      }

      const name = url.searchParams.get('download') === '1' ? `gatehouse-${id}.mp4` : null;
      await sendFile(req, res, path, name);
      return true;
    },
  };
}

async function sendFile(
  req: IncomingMessage, res: ServerResponse, path: string, downloadName: string | null,
): Promise<void> {
  const { size } = await fs.stat(path);
  const headers: Record<string, string | number> = {
    'content-type': 'video/mp4',
    'accept-ranges': 'bytes',
    'cache-control': 'private, max-age=3600',
  };
  if (downloadName) headers['content-disposition'] = `attachment; filename="${downloadName}"`;

  const range = parseRange(req.headers.range, size);
  if (range === 'unsatisfiable') {
    res.writeHead(416, { 'content-range': `bytes */${size}` }).end();
    return;
  }

  const { start, end } = range ?? { start: 0, end: size - 1 };
  headers['content-length'] = size === 0 ? 0 : end - start + 1;
  if (range) headers['content-range'] = `bytes ${start}-${end}/${size}`;
  res.writeHead(range ? 206 : 200, headers);
  if (req.method === 'HEAD' || size === 0) {
    res.end();
    return;
  }

  const stream = createReadStream(path, { start, end });
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

/** `bytes=a-b`, `bytes=a-` or `bytes=-n`; several ranges are answered as the first one. */
export function parseRange(
  header: string | undefined, size: number,
): { start: number; end: number } | 'unsatisfiable' | null {
  const match = header ? /^bytes=(\d*)-(\d*)/.exec(header.trim()) : null;
  if (!match || (match[1] === '' && match[2] === '')) return null;

  let start: number;
  let end: number;
  if (match[1] === '') {
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}
