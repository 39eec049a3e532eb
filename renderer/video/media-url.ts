// Where the renderer fetches video: the host that served the page. A <video> and a WebSocket
// cannot send an Authorization header, so the session token rides in the query, where the
// host's media and live endpoints look for it.
//
// TODO(#6): the Electron window loads the UI from a file and talks over IPC; it needs the core's
// local media origin (or a custom protocol) before it can show live and recorded video.

/** The page's own http(s) origin, or null when the page is not served over HTTP. */
export function hostOrigin(): string | null {
  if (typeof location === 'undefined' || !/^https?:$/.test(location.protocol)) return null;
  return location.origin;
}

/** A media path of the host (`/api/media/clip/<id>.mp4`) as a URL a <video> can open. */
export function mediaUrl(path: string, token: string | null, download = false): string | null {
  const origin = hostOrigin();
  if (origin === null || token === null) return null;
  const url = new URL(path, origin);
  url.searchParams.set('token', token);
  if (download) url.searchParams.set('download', '1');
  return url.toString();
}

/** The live socket of a camera. */
export function liveUrl(cameraId: string, token: string | null): string | null {
  const origin = hostOrigin();
  if (origin === null || token === null) return null;
  const url = new URL(`/api/live/${encodeURIComponent(cameraId)}`, origin.replace(/^http/, 'ws'));
  url.searchParams.set('token', token);
  return url.toString();
}
