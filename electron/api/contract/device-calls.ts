// The device calls and events of issue #3: whether each camera, barrier and recorder is up,
// each camera's own allowlist and when it last matched the registry, and the lane display test.
import { z } from 'zod';
import type { Role } from '../contract.ts';

const ALL: readonly Role[] = ['guard', 'officer', 'manager', 'installer'];

/** Why a device is offline, as a kind the Lanes page words; the reason keeps its own words. */
export const DEVICE_FAILURES = ['silent', 'no-answer', 'bad-reply', 'refused', 'link-down',
  'other'] as const;
export const deviceFailure = z.enum(DEVICE_FAILURES);
export type DeviceFailure = z.infer<typeof deviceFailure>;

export const deviceHealthView = z.object({
  /** `camera:cam-1`, `barrier:lane-1`, `recorder:cam-1`. */
  id: z.string(),
  kind: z.enum(['camera', 'barrier', 'recorder', 'display']),
  /** The configured camera or lane. */
  subject: z.string(),
  /** Its name as the installer gave it, for the guard (the subject is an id). */
  name: z.string(),
  state: z.enum(['online', 'offline', 'unknown']),
  lastSeenAt: z.number().nullable(),
  since: z.number().nullable(),
  reason: z.string().nullable(),
  failure: deviceFailure.nullable(),
});
export type DeviceHealthView = z.infer<typeof deviceHealthView>;

/**
 * The reason a device goes offline most often, silence, in a form the renderer recognises and
 * says in the guard's language. Other reasons are the driver's own words and are shown as given.
 */
const SILENCE = /^nothing heard for (\d+) s$/;

export function silenceReason(seconds: number): string {
  return `nothing heard for ${seconds} s`;
}

/** The seconds of a silence reason; null for any other reason. */
export function silenceSeconds(reason: string): number | null {
  const match = SILENCE.exec(reason);
  return match ? Number(match[1]) : null;
}

export const allowlistView = z.object({
  cameraId: z.string(),
  /** False for cameras whose allowlist we cannot write (vendor without the command). */
  supported: z.boolean(),
  /** Last time the camera's list matched the registry; null: never. */
  syncedAt: z.number().nullable(),
  attemptedAt: z.number().nullable(),
  /** Plates on the camera's list after the last sync. */
  entries: z.number(),
  error: z.string().nullable(),
});
export type AllowlistView = z.infer<typeof allowlistView>;

const call = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O,
  access: readonly Role[]) => ({ input, output, access });

export const DEVICE_CALLS = {
  'devices.health': call(z.object({}), z.array(deviceHealthView), ALL),
  'devices.allowlists': call(z.object({}), z.array(allowlistView), ALL),
  /** Pushes the registry to every camera's allowlist now, instead of at the next round. */
  'devices.syncAllowlists': call(z.object({}), z.array(allowlistView),
    ['officer', 'manager', 'installer']),
  /** Shows a line on the lane's LED board (and speaks it), for the installer's test. */
  'devices.testDisplay': call(
    z.object({ laneId: z.string(), text: z.string().trim().min(1).max(32) }),
    z.object({ shown: z.boolean(), error: z.string().nullable() }),
    ['installer'],
  ),
} as const;

export const DEVICE_EVENTS = {
  'devices.health': { payload: z.array(deviceHealthView), access: ALL },
} as const;
