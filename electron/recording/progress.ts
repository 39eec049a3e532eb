// ffmpeg's `-progress pipe:1` report: a block of `key=value` lines every stats period, ending in
// `progress=continue` (or `end`). The recorder's watchdog only needs to know whether frames are
// still coming: the `frame` counter of the last block. The segment list shares stdout; its
// lines hold commas and no '=' before them, so the two never mix up.

/** The frame count a progress line reports, or null when the line is not `frame=N`. */
export function progressFrame(line: string): number | null {
  if (!line.startsWith('frame=')) return null;
  const frames = Number(line.slice('frame='.length).trim());
  return Number.isFinite(frames) ? frames : null;
}

/** True for any line of a progress block (so it is not mistaken for a segment list line). */
export function isProgressLine(line: string): boolean {
  return /^[a-z0-9_]+=/.test(line);
}
