// The core's answers to the calls of issue #6: the playback timeline, clips, passage clips,
// exports and the inspector's window check. Role checks and input validation happened in the
// dispatcher already; without recording (no site, no ffmpeg) the calls say so as values.
import { fail, ok, type CallName } from './contract.ts';
import type { Handlers } from './dispatcher.ts';
import type { HandlerContext } from './handlers.ts';

type PlaybackCalls = Extract<CallName, `playback.${string}` | `windowCheck.${string}`>;

export function createPlaybackHandlers(ctx: HandlerContext): Pick<Handlers, PlaybackCalls> {
  const service = () => ctx.playback ?? null;
  const none = () => fail('not_found', 'this host records no video (no site or no ffmpeg)');

  return {
    'playback.cameras': () => ok(service()?.cameras() ?? []),

    'playback.day': (input) => {
      const s = service();
      if (!s) return none();
      return ok(s.day(input.cameraId, input.day));
    },

    'playback.clip': async (input) => {
      const s = service();
      if (!s) return none();
      const made = await s.clip(input.cameraId, input.from, input.to);
      return made.ok ? ok(made.clip) : fail(made.code, made.message);
    },

    'playback.passageClips': async (input) => {
      const s = service();
      if (!s) return none();
      const found = await s.passageClips(input.passageId);
      return found.ok ? ok(found.value) : fail(found.code, found.message);
    },

    'playback.export': (input, caller) => {
      const s = service();
      if (!s) return none();
      if (!s.cameras().some((c) => c.id === input.cameraId)) {
        return fail('not_found', `camera ${input.cameraId} records no video`);
      }
      const started = s.startExport({ ...input, user: caller.user!.username });
      return started.ok ? ok(started.job) : fail(started.code, started.message, started.reason);
    },

    'playback.exports': () => ok(service()?.exports.list() ?? []),

    'windowCheck.load': async (input) => {
      const s = service();
      if (!s) return none();
      const found = await s.windowCheck(input);
      return found.ok ? ok(found.value) : fail(found.code, found.message, found.reason);
    },
  };
}
