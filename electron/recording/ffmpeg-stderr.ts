// Reading the recorder's ffmpeg stderr. ffmpeg runs with `-loglevel level+warning`, so every line
// says its own level: `[rtsp @ 0x55…] [warning] max delay reached` or `[error] …: Connection
// refused`. Warnings at start-up (missing timestamps, a dropped first packet) are normal for
// cameras and are not errors: they must not reach the installer's "last errors" list. Errors
// tell the supervisor why a run ended: a lost source (camera away, session refused) or
// something else.

export type FfmpegLevel = 'warning' | 'error' | 'fatal' | 'other';

export interface FfmpegLine {
  level: FfmpegLevel;
  text: string;
}

const LEVEL_TAG = /\[(panic|fatal|error|warning|info|verbose|debug|trace)\] /;

export function classifyFfmpegLine(line: string): FfmpegLine {
  const match = LEVEL_TAG.exec(line);
  if (!match) return { level: 'other', text: line };

  const tag = match[1]!;
  const level: FfmpegLevel =
    tag === 'panic' || tag === 'fatal' ? 'fatal'
      : tag === 'error' ? 'error'
        : tag === 'warning' ? 'warning'
          : 'other';
  return { level, text: line };
}

/**
 * Errors that mean the camera's stream went away or was refused: a reboot, a cable, a wrong
 * password, the camera's session limit. Anything else that ends a run is the recorder's own.
 */
const SOURCE_LOST = new RegExp(
  [
    'Connection refused', 'Connection reset', 'Connection timed out', 'timed out',
    'No route to host', 'Network is unreachable', 'Host is unreachable', 'End of file',
    'Broken pipe', 'Server returned', '401 Unauthorized', '404 Not Found', '\\b45[34]\\b',
    '\\b503\\b', 'method (DESCRIBE|SETUP|PLAY) failed', 'Invalid data found when processing input',
    'Error opening input', 'Could not find codec parameters', 'Input/output error',
  ].join('|'),
  'i',
);

export function meansSourceLost(line: string): boolean {
  return SOURCE_LOST.test(line);
}
