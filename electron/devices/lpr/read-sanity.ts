// Last checks on a parsed plate read before it reaches a lane: a plate must look like a plate,
// and the capture time must be a time this gate could have seen.

/** The longest plate grammar (emergency, new-energy plates) has 8 characters; 16 is generous. */
export const MAX_PLATE_LENGTH = 16;

/** A camera replays reads it stored while we were unreachable; a month covers any outage. */
export const MAX_CAPTURE_AGE_MS = 31 * 86_400_000;
/** A camera clock a day ahead is wrong, but the read is real: it is placed at arrival. */
export const MAX_CAPTURE_AHEAD_MS = 86_400_000;

const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

/** Why the plate text is no plate, or null when it may be one. */
export function implausiblePlate(plate: string): string | null {
  if (plate.length > MAX_PLATE_LENGTH) return `plate of ${plate.length} characters`;
  if (CONTROL_CHARACTERS.test(plate)) return 'plate with control characters';
  return null;
}

/**
 * The capture time to record: the camera's own when it is plausible, otherwise the arrival
 * time (a camera with a broken clock still saw the truck; the evidence keeps the read).
 */
export function plausibleCaptureTime(
  capturedAt: number,
  receivedAt: number,
): { at: number; replaced: boolean } {
  const ok = Number.isFinite(capturedAt) &&
    capturedAt >= receivedAt - MAX_CAPTURE_AGE_MS &&
    capturedAt <= receivedAt + MAX_CAPTURE_AHEAD_MS;
  return ok ? { at: capturedAt, replaced: false } : { at: receivedAt, replaced: true };
}
