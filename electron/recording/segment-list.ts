// ffmpeg's segment muxer reports each closed segment as one CSV line on its segment list
// (`-segment_list pipe:1 -segment_list_type csv`): file name, start and end in seconds on the
// input's timeline. ffmpeg quotes the name only when it holds a comma, quote or newline.

export interface SegmentListEntry {
  /** As ffmpeg wrote it: the file name without the directory. */
  name: string;
  /** Seconds on the recorder's stream timeline (the same timeline for one ffmpeg run). */
  start: number;
  end: number;
}

export function parseSegmentListLine(line: string): SegmentListEntry | null {
  const trimmed = line.trim();
  const lastComma = trimmed.lastIndexOf(',');
  const middleComma = trimmed.lastIndexOf(',', lastComma - 1);
  if (lastComma < 0 || middleComma <= 0) return null;

  const start = Number(trimmed.slice(middleComma + 1, lastComma));
  const end = Number(trimmed.slice(lastComma + 1));
  if (!Number.isFinite(start) || !Number.isFinite(end) || end < start) return null;

  const name = unquote(trimmed.slice(0, middleComma));
  if (!name || name.includes('/') || name.includes('\\')) return null;
  return { name, start, end };
}

function unquote(field: string): string {
  if (!(field.startsWith('"') && field.endsWith('"') && field.length >= 2)) return field;
  return field.slice(1, -1).replace(/""/g, '"');
}
