// Camera credentials must reach ffmpeg's argv and nothing else. The logger's URL pattern strips
// `user:pass@` from well-formed URLs, but ffmpeg echoes the URL as it was given, and a password
// the camera's ONVIF address carried raw ("p@ss word") or in its query (`?password=`, which
// some domestic cameras use) slips past a pattern. So the recorder also removes the literal
// secrets it knows, in every form ffmpeg might print them.
import { redactUrlCredentials } from '../log/logger.ts';

const QUERY_SECRET = /([?&;/](?:password|passwd|pwd|pass)=)[^&;\s]*/gi;

/** Minimum length of a literal to strip: "1" or "a" would garble every line. */
const MIN_SECRET_LENGTH = 3;

/** A function that removes `url`'s credentials from any text. */
export function credentialRedactor(url: string): (text: string) => string {
  const secrets = secretsOf(url).filter((s) => s.length >= MIN_SECRET_LENGTH);
  secrets.sort((a, b) => b.length - a.length);

  return (text: string): string => {
    let out = text;
    for (const secret of secrets) out = out.split(secret).join('***');
    out = redactUrlCredentials(out);
    return out.replace(QUERY_SECRET, '$1***');
  };
}

/** The URL without user-info and with query secrets masked, for the installer's eyes. */
export function displayUrl(url: string): string {
  return credentialRedactor(url)(url);
}

function secretsOf(url: string): string[] {
  const found = new Set<string>();
  const scheme = url.indexOf('://');
  const hostStart = scheme < 0 ? 0 : scheme + 3;
  const pathStart = url.indexOf('/', hostStart);
  const authority = url.slice(hostStart, pathStart < 0 ? undefined : pathStart);

  // The user-info ends at the LAST '@' of the authority: a raw '@' in a password comes before.
  const at = authority.lastIndexOf('@');
  if (at > 0) {
    const userInfo = authority.slice(0, at);
    const colon = userInfo.indexOf(':');
    if (colon >= 0) addForms(found, userInfo.slice(colon + 1));
  }
  for (const match of url.matchAll(QUERY_SECRET)) {
    addForms(found, match[0].slice(match[1]!.length));
  }
  return [...found];
}

function addForms(into: Set<string>, secret: string): void {
  if (!secret) return;
  into.add(secret);
  try {
    const decoded = decodeURIComponent(secret);
    into.add(decoded);
    into.add(encodeURIComponent(decoded));
  } catch {
    // A lone '%' is not an encoding; the raw form is already in the set.
  }
}
