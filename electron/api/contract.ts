// The API contract between the core and every client (Electron IPC, WebSocket/HTTP, tests).
// It is the only module of electron/ the renderer may import. Every call names the roles that
// may make it; inputs are validated here at the boundary; results are values, never throws.
import { z } from 'zod';
import { barrierFailure } from './contract/barrier-failures.ts';

export const ROLES = ['guard', 'officer', 'manager', 'installer'] as const;
export type Role = (typeof ROLES)[number];
const ALL: readonly Role[] = ROLES;
/** 'public' calls need no session (login, first-run setup, status). */
export type Access = readonly Role[] | 'public';

/**
 * Why a call was refused, for the UI to word in the reader's language: a key under `reasons.`
 * in the locales and the values its sentence needs. `message` stays English, for logs.
 */
export type Reason = { key: string; values: Record<string, string | number> };
export type ApiError = { code: ErrorCode; message: string; reason?: Reason };
export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const ERROR_CODES = [
  'invalid_input', 'unauthenticated', 'forbidden', 'not_found', 'conflict',
  'setup_required', 'device_error', 'internal', 'unknown_call', 'timeout', 'approval_refused',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, reason?: Reason): Result<never> => ({
  ok: false,
  error: reason ? { code, message, reason } : { code, message },
});

// ---- shared shapes -------------------------------------------------------------------------

export const userView = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
});
export type UserView = z.infer<typeof userView>;

/** What a guard's open (by hand, by override, by the installer's test) came to. */
export const openOutcome = z.object({
  opened: z.boolean(),
  error: z.string().nullable(),
  failure: barrierFailure.nullable(),
});

export const photoView = z.object({ kind: z.string(), sha256: z.string(), mime: z.string() });

export const passageView = z.object({
  id: z.string(),
  laneId: z.string(),
  direction: z.enum(['in', 'out']),
  plate: z.string(),
  plateColor: z.string(),
  readPlateColor: z.string(),
  colorMismatch: z.boolean(),
  decision: z.enum(['allow', 'deny', 'allow-with-exemption']),
  reasonCode: z.string(),
  reasonZh: z.string(),
  reasonEn: z.string(),
  emissionStage: z.string().nullable(),
  fuel: z.string().nullable(),
  controlState: z.string(),
  ruleVersion: z.string(),
  capturedAt: z.number(),
  photos: z.array(photoView),
  /** Latest barrier outcome: pending, opened, failed, not-commanded (denied), camera-reply. */
  barrier: z.enum(['pending', 'opened', 'failed', 'not-commanded', 'camera-reply']),
  barrierError: z.string().nullable(),
  /** Why the barrier failed, as a kind the page words; null unless it failed. */
  barrierFailure: barrierFailure.nullable(),
  /** A denial overridden by a guard with an approver's login; the passage row stays as it was. */
  override: z.object({ approver: z.string(), reason: z.string(), at: z.number() }).nullable(),
  /** Made by the setup wizard's test push: reported to no platform, counted in no ledger. */
  testPush: z.boolean(),
});
export type PassageView = z.infer<typeof passageView>;

export const laneView = z.object({
  id: z.string(),
  name: z.string(),
  nameEn: z.string(),
  direction: z.enum(['in', 'out']),
  cameraId: z.string(),
  barrierKind: z.string(),
  barrierState: z.enum(['idle', 'opening', 'error']),
  barrierError: z.string().nullable(),
  barrierFailure: barrierFailure.nullable(),
  controlState: z.string(),
});
export type LaneView = z.infer<typeof laneView>;

// ---- alerts, the cap, inventory (issue #5); reporting to the platform (issue #7) ---------

export * from './contract/alert-views.ts';
export * from './contract/sync-views.ts';
export * from './contract/rule-views.ts';
export * from './contract/setup-calls.ts';
export * from './contract/device-calls.ts';
export * from './contract/enterprise-codes.ts';
export * from './contract/barrier-failures.ts';
import {
  ALERT_LEVELS, alertDayView, alertView, capSettingsView, capStatusView, complianceView,
  controlView,
} from './contract/alert-views.ts';
import { syncStatusView } from './contract/sync-views.ts';
import { ruleSetsView } from './contract/rule-views.ts';
import { SETUP_CALLS } from './contract/setup-calls.ts';
import { DEVICE_CALLS, DEVICE_EVENTS } from './contract/device-calls.ts';

// ---- the electronic ledgers (issue #4) -----------------------------------------------------

export * from './contract/ledger-views.ts';
export * from './contract/ledger-calls.ts';
import { LEDGER_CALLS, LEDGER_EVENTS } from './contract/ledger-calls.ts';
export * from './contract/playback-calls.ts';
export * from './contract/video-ranges.ts';
import { PLAYBACK_CALLS, PLAYBACK_EVENTS } from './contract/playback-calls.ts';
export * from './contract/video-calls.ts';
import { VIDEO_CALLS } from './contract/video-calls.ts';

// ---- calls ---------------------------------------------------------------------------------

const call = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O, access: Access) => ({
  input,
  output,
  access,
});

export const CALLS = {
  'system.status': call(
    z.object({}),
    z.object({ needsSetup: z.boolean(), demo: z.boolean(), version: z.string() }),
    'public',
  ),
  'auth.setupInstaller': call(
    z.object({
      username: z.string().min(3).max(32),
      displayName: z.string().min(1).max(64),
      password: z.string().min(8).max(128),
    }),
    z.object({ token: z.string(), user: userView }),
    'public',
  ),
  'auth.login': call(
    z.object({ username: z.string().min(1), password: z.string().min(1) }),
    z.object({ token: z.string(), user: userView }),
    'public',
  ),
  'auth.logout': call(z.object({}), z.object({}), ALL),
  'auth.me': call(z.object({}), userView, ALL),
  'users.create': call(
    z.object({
      username: z.string().min(3).max(32),
      displayName: z.string().min(1).max(64),
      role: z.enum(ROLES),
      password: z.string().min(8).max(128),
    }),
    userView,
    ['installer'],
  ),
  'lanes.list': call(z.object({}), z.array(laneView), ALL),
  'lanes.manualOpen': call(
    z.object({ laneId: z.string(), reason: z.string().trim().min(2).max(200) }),
    openOutcome,
    ['guard', 'manager', 'installer'],
  ),
  'devices.testBarrier': call(
    z.object({ laneId: z.string() }),
    openOutcome,
    ['installer'],
  ),
  'passages.recent': call(
    z.object({
      laneId: z.string().optional(),
      limit: z.number().int().min(1).max(200).default(20),
    }),
    z.array(passageView),
    ALL,
  ),
  'passages.search': call(
    z.object({
      plate: z.string().max(16).optional(),
      from: z.number().int().optional(),
      to: z.number().int().optional(),
      limit: z.number().int().min(1).max(200).default(50),
      offset: z.number().int().min(0).default(0),
    }),
    z.object({ total: z.number(), rows: z.array(passageView) }),
    ALL,
  ),
  'passages.video': call(
    z.object({ passageId: z.string() }),
    z.array(z.object({
      segmentId: z.number(), cameraId: z.string(), startAt: z.number(), endAt: z.number(),
      path: z.string(),
    })),
    ALL,
  ),
  'audit.recent': call(
    z.object({
      action: z.string().optional(),
      limit: z.number().int().min(1).max(500).default(50),
    }),
    z.array(z.object({
      id: z.number(), at: z.number(), actor: z.string(), action: z.string(),
      subject: z.string().nullable(), detail: z.record(z.string(), z.unknown()).nullable(),
    })),
    ['manager', 'installer'],
  ),
  'media.photo': call(
    z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
    z.object({ mime: z.string(), base64: z.string() }),
    ALL,
  ),
  'passages.override': call(
    z.object({
      passageId: z.string().min(1),
      reason: z.string().trim().min(2).max(200),
      approverUsername: z.string().min(1).max(32),
      approverPassword: z.string().min(1).max(128),
    }),
    openOutcome.extend({ passage: passageView }),
    ['guard', 'manager', 'installer'],
  ),
  'alerts.list': call(
    z.object({ limit: z.number().int().min(1).max(500).default(100) }),
    z.array(alertView),
    ALL,
  ),
  'alerts.set': call(
    z.object({
      level: z.enum(ALERT_LEVELS),
      startsAt: z.number().int(),
      endsAt: z.number().int(),
      measure: z.string().trim().max(500).default(''),
    }).refine((a) => a.endsAt > a.startsAt, { message: 'the end must come after the start' }),
    alertView,
    ['manager'],
  ),
  'alerts.cancel': call(z.object({ alertId: z.number().int() }), alertView, ['manager']),
  'control.current': call(z.object({}), controlView, ALL),
  'cap.status': call(z.object({}), capStatusView, ALL),
  'cap.settings': call(z.object({}), capSettingsView, ['officer', 'manager', 'installer']),
  'cap.configure': call(capSettingsView, capSettingsView, ['manager', 'installer']),
  'cap.alertDays': call(
    z.object({ from: z.number().int(), to: z.number().int() }),
    z.array(alertDayView),
    ['officer', 'manager', 'installer'],
  ),
  'inventory.compliance': call(
    z.object({}),
    complianceView,
    ['officer', 'manager', 'installer'],
  ),
  'rules.sets': call(z.object({}), ruleSetsView, ['officer', 'manager', 'installer']),
  'rules.select': call(z.object({ setId: z.string().min(1) }), ruleSetsView, ['manager']),
  'sync.status': call(
    z.object({ rejectedLimit: z.number().int().min(1).max(200).default(50) }),
    syncStatusView,
    ['officer', 'manager', 'installer'],
  ),
  /** Re-queues a refused message after the officer fixed its record (a new message id). */
  'sync.resend': call(
    z.object({ outboxId: z.number().int().positive() }),
    z.object({ outboxId: z.number(), messageId: z.string(), rebuilt: z.boolean() }),
    ['officer', 'installer'],
  ),
  ...SETUP_CALLS,
  ...DEVICE_CALLS,
  ...LEDGER_CALLS,
  ...PLAYBACK_CALLS,
  ...VIDEO_CALLS,
} as const;

export type CallName = keyof typeof CALLS;
export type CallInput<N extends CallName> = z.input<(typeof CALLS)[N]['input']>;
export type CallOutput<N extends CallName> = z.output<(typeof CALLS)[N]['output']>;

// ---- events --------------------------------------------------------------------------------

export const EVENTS = {
  'passage.created': { payload: passageView, access: ALL },
  'barrier.changed': {
    payload: z.object({
      laneId: z.string(),
      passageId: z.string().nullable(),
      state: z.enum(['opened', 'failed']),
      error: z.string().nullable(),
      failure: barrierFailure.nullable(),
      at: z.number(),
    }),
    access: ALL,
  },
  'passage.overridden': { payload: passageView, access: ALL },
  'control.changed': { payload: controlView, access: ALL },
  'sync.changed': {
    payload: z.object({ pending: z.number(), acked: z.number() }),
    access: ['officer', 'manager', 'installer'] as readonly Role[],
  },
  ...DEVICE_EVENTS,
  ...LEDGER_EVENTS,
  ...PLAYBACK_EVENTS,
} as const;

export type EventName = keyof typeof EVENTS;
export type EventPayload<E extends EventName> = z.output<(typeof EVENTS)[E]['payload']>;

/** The object both transports hand the renderer (`window.gatehouse` in Electron). */
export interface GatehouseApi {
  call<N extends CallName>(name: N, input: CallInput<N>): Promise<Result<CallOutput<N>>>;
  /** Subscribes to an event; the core checks the role. Returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** What the Electron preload hands the window: the API, and where its video comes from. */
export interface DesktopBridge extends GatehouseApi {
  /**
   * `http://127.0.0.1:<port>`: the core's media server for <video> and live sockets (the page
   * itself is a file), or null when it is not running.
   */
  readonly mediaOrigin: string | null;
}

/** Wire frames of the WebSocket transport (also used by the IPC bridge). */
export type ClientFrame =
  | { t: 'call'; id: number; name: string; input: unknown }
  | { t: 'sub'; event: string }
  | { t: 'unsub'; event: string };
export type ServerFrame =
  | { t: 'result'; id: number; result: Result<unknown> }
  | { t: 'event'; event: string; payload: unknown }
  | { t: 'sub-error'; event: string; error: ApiError };

export function canAccess(access: Access, role: Role | null): boolean {
  if (access === 'public') return true;
  return role !== null && access.includes(role);
}
