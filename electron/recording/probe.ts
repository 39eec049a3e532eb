// ffprobe of one recorded segment (or a live stream): the first video stream's codec and size,
// and the duration. Null when ffprobe finds no video stream or cannot read the file.
import { runTool } from '../../native/ffmpeg-process.ts';

export interface VideoProbe {
  codec: string;
  width: number;
  height: number;
  /** Seconds; null for a live stream. */
  duration: number | null;
}

/** A 10-s fragmented MP4 probes in ~50 ms; an RTSP source needs a keyframe first. */
export const PROBE_TIMEOUT_MS = 10_000;

export async function probeVideo(
  ffprobe: string,
  input: string,
  extraArgs: readonly string[] = [],
): Promise<VideoProbe | null> {
  const args = ['-v', 'error', ...extraArgs, '-select_streams', 'v:0'];
  args.push('-show_entries', 'stream=codec_name,width,height:format=duration');
  args.push('-of', 'json', input);

  const run = await runTool(ffprobe, args, PROBE_TIMEOUT_MS);
  if (!run.ok) return null;

  try {
    const parsed = JSON.parse(run.stdout) as {
      streams?: { codec_name?: string; width?: number; height?: number }[];
      format?: { duration?: string };
    };
    const video = parsed.streams?.[0];
    if (!video?.codec_name || !video.width || !video.height) return null;

    const duration = Number(parsed.format?.duration);
    return {
      codec: video.codec_name,
      width: video.width,
      height: video.height,
      duration: Number.isFinite(duration) ? duration : null,
    };
  } catch {
    return null;
  }
}
