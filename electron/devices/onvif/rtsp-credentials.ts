// Cameras answer GetStreamUri without credentials; the recorder's ffmpeg needs them in the URL.
// Each part is percent-encoded on its own: WHATWG URL setters leave '%' (and some sub-delims)
// as they are, so a password like "50%off" or "a:b@c" must be encoded before it is set. ffmpeg
// percent-decodes the user-info before RTSP Basic/Digest auth.

export function withRtspCredentials(uri: string, username: string, password: string): string {
  const url = new URL(uri);
  if (!username) return url.toString();

  url.username = encodeURIComponent(username);
  url.password = password ? encodeURIComponent(password) : '';
  return url.toString();
}
