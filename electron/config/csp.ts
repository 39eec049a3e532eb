// The one Content-Security-Policy of the UI, whether the Electron session or the headless host
// serves it. Scripts only from our files and never eval; styles may be inline because antd
// writes its CSS-in-JS into <style> tags; images may be data: URLs because photos arrive
// base64-encoded through the API; video plays from this host's files (in the desktop window:
// the core's media server) and from MediaSource (blob:) for the live lanes; nothing may be
// fetched from elsewhere, framed, or embedded.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Any port of the PC's own loopback: what the built page's meta copy of the policy allows video
 * from, since the port of the window's media server is known only when the app runs. The
 * header beside it names the one port (the Electron window) or none (the headless host), and a
 * page obeys both, so neither context lets the page reach further than its header says.
 */
const ANY_LOOPBACK_PORT = 'http://127.0.0.1:*';

/**
 * The policy with one more place video may come from: the desktop window's page is a file, and
 * its <video> elements and live sockets reach the core's media server (api/media-server.ts).
 */
export function allowingVideoFrom(policy: string, origin: string): string {
  const socketOrigin = origin.replace(/^http/, 'ws');
  return policy
    .split('; ')
    .map((directive) => {
      if (directive.startsWith('media-src ')) return `${directive} ${origin}`;
      if (directive.startsWith('connect-src ')) return `${directive} ${socketOrigin}`;
      return directive;
    })
    .join('; ');
}

/**
 * The copy the built page carries in a meta tag, a second layer under the header the server or
 * the Electron session sets. frame-ancestors is ignored (with a warning) in a meta tag, so it is
 * left out; video may come from any loopback port (above).
 */
export const BUILT_PAGE_POLICY = allowingVideoFrom(
  CONTENT_SECURITY_POLICY.split('; ').filter((d) => !d.startsWith('frame-ancestors')).join('; '),
  ANY_LOOPBACK_PORT,
);
