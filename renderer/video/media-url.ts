// Where the renderer fetches video. A <video> and a WebSocket cannot send an Authorization
// header, so the session token rides in the query, where the media and live endpoints look for
// it. A page the host serves over HTTP asks its own origin; the desktop window's page is a file
// that calls the core over IPC, and asks the core's media server on loopback, which the preload
// names (`window.gatehouse.mediaOrigin`).

/** The page's own http(s) origin, else the desktop window's media server, else null. */
export function videoOrigin(): string | null {
  if (typeof location !== 'undefined' && /^https?:$/.test(location.protocol)) {
    return location.origin;
  }
  if (typeof window === 'undefined') return null;
  return window.gatehouse?.mediaOrigin ?? null;
}

/** A media path of the host (`/api/media/clip/<id>.mp4`) as a URL a <video> can open. */
export function mediaUrl(path: string, token: string | null, download = false): string | null {
  const origin = videoOrigin();
  if (origin === null || token === null) return null;
  const url = new URL(path, origin);
  url.searchParams.set('token', token);
  if (download) url.searchParams.set('download', '1');
  return url.toString();
}

/** The live socket of a camera. */
export function liveUrl(cameraId: string, token: string | null): string | null {
  const origin = videoOrigin();
  if (origin === null || token === null) return null;
  const url = new URL(`/api/live/${encodeURIComponent(cameraId)}`, origin.replace(/^http/, 'ws'));
  url.searchParams.set('token', token);
  return url.toString();
}
