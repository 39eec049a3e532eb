// Starts what shows video to people (issue #6): the live lanes' WebSocket, and playback (clips,
// exports, the window check) with its media files over HTTP. Recording itself is started in
// recording.ts; this only reads what it wrote and shares its live sessions.
import type { ExportJobView } from '../api/contract.ts';
import type { ServerExtension } from '../api/server.ts';
import type { SiteConfig } from '../config/site.ts';
import type { Db } from '../db/database.ts';
import type { PassageViews } from '../ledger/passage-views.ts';
import { subsystemLogger, type Logger } from '../log/logger.ts';
import type { LiveSources } from '../recording/live-source.ts';
import { resolveFfmpeg } from '../../native/ffmpeg.ts';
import { createLiveEndpoint } from '../live/live-endpoint.ts';
import { mediaRoutes } from '../playback/media-routes.ts';
import { PlaybackService } from '../playback/playback-service.ts';

export interface VideoServices {
  playback: PlaybackService | null;
  /** Endpoints for the API server: `/api/live/<camera>` and `/api/media/…`. */
  extensions: ServerExtension[];
  close(): Promise<void>;
}

export function startVideo(o: {
  site: SiteConfig | null; db: Db; views: PassageViews; dataDir: string; log: Logger;
  liveSources?: LiveSources | null; onExportChange(job: ExportJobView): void;
}): VideoServices {
  if (!o.site) return { playback: null, extensions: [], close: async () => {} };

  const ffmpeg = resolveFfmpeg(o.site.ffmpegPath)?.path ?? null;
  const playback = new PlaybackService({
    db: o.db, site: o.site, views: o.views, dataDir: o.dataDir, ffmpeg,
    log: subsystemLogger(o.log, 'playback'), onExportChange: o.onExportChange,
  });
  const live = createLiveEndpoint({ site: o.site, ffmpeg, liveSources: o.liveSources, log: o.log });

  return {
    playback,
    extensions: [live.extension, mediaRoutes(() => playback)],
    close: async () => {
      playback.close();
      await live.close();
    },
  };
}
