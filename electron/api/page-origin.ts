// Which page a request comes from, by its Origin header. A browser sends one with every
// WebSocket and with every cross-origin or non-GET request; a <video>'s plain GET and clients
// that are not browsers send none. The header is the page's claim, so these checks only ever
// narrow what a valid session token already allows.

/**
 * What the desktop window's page, a file, says it is: `null`, an opaque origin (Chromium's
 * WebSockets, test/e2e/desktop-video.test.ts), or `file://`, which some Electron versions send.
 */
export const FILE_PAGE_ORIGINS: readonly string[] = ['file://', 'null'];

/** No Origin, or one naming the host and port the request was sent to. */
export function isSameOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined) return true;

  // `null` and other opaque origins are no URL, and name no host of ours.
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  return parsed.host !== '' && parsed.host === host;
}

/** No Origin, or the desktop window's file page. */
export function isFilePage(origin: string | undefined): boolean {
  return origin === undefined || FILE_PAGE_ORIGINS.includes(origin);
}
