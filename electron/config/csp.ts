// The one Content-Security-Policy of the UI, whether the Electron session or the headless host
// serves it. Scripts only from our files and never eval; styles may be inline because antd
// writes its CSS-in-JS into <style> tags; images may be data: URLs because photos arrive
// base64-encoded through the API; video plays from this host's files and from MediaSource
// (blob:) for the live lanes; nothing may be fetched from elsewhere, framed, or embedded.
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
