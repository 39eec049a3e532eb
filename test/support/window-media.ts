// The desktop window's media server with real parts around it: sessions in a real SQLite file
// (a guard signed in), one clip on disk, and the live endpoint of a site without cameras, which
// takes a viewer's socket and tells it so. It notes the Origin of every request it gets.
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { startMediaServer, type MediaServer } from '../../electron/api/media-server.ts';
import type { ServerExtension } from '../../electron/api/server.ts';
import { Users } from '../../electron/auth/users.ts';
import type { SiteConfig } from '../../electron/config/site.ts';
import { openDatabase } from '../../electron/db/database.ts';
import { createLiveEndpoint } from '../../electron/live/live-endpoint.ts';
import { silentLogger } from '../../electron/log/logger.ts';
import { mediaRoutes } from '../../electron/playback/media-routes.ts';
import type { PlaybackService } from '../../electron/playback/playback-service.ts';

export const CLIP_ID = '0b6f3c1e-7d2a-4e4f-9c1a-5d0e8b7f6a21';

export interface WindowMedia {
  server: MediaServer;
  /** The signed-in guard's session token. */
  token: string;
  /** The Origin header of every request and upgrade, in order (undefined: none sent). */
  origins: (string | undefined)[];
  close(): Promise<void>;
}

/** Serves `clipPath` as clip CLIP_ID; the database goes in `dir`. */
export async function startWindowMedia(dir: string, clipPath: string): Promise<WindowMedia> {
  const db = openDatabase(join(dir, 'gatehouse.db'));
  const users = new Users(db);
  const guard = await users.create({ username: 'zhang', displayName: '张师傅', role: 'guard',
    password: 'guard-password-1' });

  const playback = {
    clips: { pathOf: (id: string) => (id === CLIP_ID ? clipPath : null) },
    exports: { pathOf: () => null },
  } as unknown as PlaybackService;
  // No ffmpeg: a viewer's socket is taken, then told there is no picture.
  const live = createLiveEndpoint({ site: { cameras: [] } as unknown as SiteConfig, ffmpeg: null,
    log: silentLogger() });
  const origins: (string | undefined)[] = [];
  const note = (req: IncomingMessage) => {
    origins.push(req.headers.origin);
    return false;
  };
  const noteOrigin: ServerExtension = { request: note, upgrade: note };

  const server = await startMediaServer({
    callerFor: (t, remote) => ({ user: t ? users.userForToken(t) : null, token: t, remote }),
    extensions: [noteOrigin, mediaRoutes(() => playback), live.extension],
    log: silentLogger(),
  });

  return {
    server, origins, token: users.openSession(guard!.id),
    close: async () => {
      await server.close();
      await live.close();
      db.close();
    },
  };
}
