// How the main process tells the window's preload where video comes from: one command-line
// argument of the renderer process (webPreferences.additionalArguments), which a sandboxed
// preload reads from process.argv. No imports: the preload bundle carries this file.

const FLAG = '--gatehouse-media-origin=';

/** The core's own media server, and nothing else: any other value is ignored. */
const LOOPBACK_ORIGIN = /^http:\/\/127\.0\.0\.1:\d{1,5}$/;

export function mediaOriginArgument(origin: string): string {
  return `${FLAG}${origin}`;
}

/** The media server's origin named on the command line, or null when none (or a bad one) is. */
export function mediaOriginFrom(argv: readonly string[]): string | null {
  const value = argv.find((arg) => arg.startsWith(FLAG))?.slice(FLAG.length);
  return value !== undefined && LOOPBACK_ORIGIN.test(value) ? value : null;
}
