// The core's answers to every call of the contract. Role checks and input validation happened
// in the dispatcher already; handlers do the work and return values.
import { fail, ok } from './contract.ts';
import type { Dispatcher, Handlers } from './dispatcher.ts';
import type { Db } from '../db/database.ts';
import type { Users } from '../auth/users.ts';
import type { LaneService } from '../lanes/lane-service.ts';
import type { PassageViews } from '../ledger/passage-views.ts';
import type { MediaStore } from '../media/store.ts';
import type { SiteConditions } from '../alerts/site-conditions.ts';
import { recentAudit, writeAudit } from '../db/audit.ts';
import type { RuleBook } from '../rules/rule-table.ts';
import { chooseRuleSet } from '../rules/rule-set-choice.ts';
import { createAlertHandlers } from './handlers-alerts.ts';
import { createSyncHandlers } from './handlers-sync.ts';
import { createDeviceHandlers, type DeviceCallsRuntime } from './handlers-devices.ts';
import { createSetupHandlers, type SetupRuntime } from './handlers-setup.ts';
import { createLedgerHandlers } from './handlers-ledger.ts';
import type { LedgerServices } from '../ledger/ledger-services.ts';
import { uploadMime } from '../ledger/documents.ts';
import { createPlaybackHandlers } from './handlers-playback.ts';
import { createVideoHandlers, type VideoRecording } from './handlers-video.ts';
import type { PlaybackService } from '../playback/playback-service.ts';

export interface HandlerContext {
  db: Db;
  users: Users;
  lanes: LaneService | null;
  views: PassageViews;
  media: MediaStore;
  demo: boolean;
  version: string;
  /** Alerts, the cap and the inventory check (issue #5): the instances the lanes decide with. */
  conditions?: SiteConditions;
  /** Emits an API event; the host sets it once the dispatcher exists. */
  emit?: Dispatcher['emit'];
  /** Nudges the outbox drainer (a resent message goes at once); the host sets it. */
  wakeOutbox?: () => void;
  /** The core's clock for the sync calls; tests inject one. */
  now?: () => number;
  /** The running device services (health, allowlists, displays); the host sets them. */
  devices?: DeviceCallsRuntime | null;
  /** The rule sets the lanes decide by (null without a site). */
  rules?: RuleBook | null;
  /** Saving and applying the site from the installer's wizard (issue #3); the host sets it. */
  setup?: SetupRuntime;
  /** The ledgers (issue #4); made on first use over `db` when the host did not set them. */
  ledger?: LedgerServices;
  /** The site's enterprise code, which fuel-log messages and passage corrections carry. */
  enterpriseCode?: string;
  /** Playback, clips, exports and the window check (issue #6); null without recording. */
  playback?: PlaybackService | null;
  /** Recorders and storage (issue #6); null without recording. */
  recording?: VideoRecording | null;
}

export function createHandlers(ctx: HandlerContext): Handlers {
  const { db, users } = ctx;
  // Ledger document photos (issue #4) are served by the same call as passage photos.
  const ledgerPhoto = (sha256: string) => {
    const mime = uploadMime(db, sha256);
    return mime ? { mime } : undefined;
  };

  return {
    'system.status': () =>
      ok({ needsSetup: users.count() === 0, demo: ctx.demo, version: ctx.version }),

    'auth.setupInstaller': async (input, caller) => {
      if (users.count() > 0) return fail('conflict', 'the installer account exists already');
      const user = await users.create({ ...input, role: 'installer' });
      if (!user) return fail('conflict', 'the installer account exists already');
      writeAudit(db, { actor: user.username, action: 'user.setup-installer',
        detail: { remote: caller.remote } });
      return ok({ token: users.openSession(user.id), user });
    },

    'auth.login': async (input, caller) => {
      const user = await users.authenticate(input.username, input.password);
      if (!user) {
        writeAudit(db, { actor: input.username, action: 'auth.login-failed',
          detail: { remote: caller.remote } });
        return fail('unauthenticated', 'wrong user name or password');
      }
      return ok({ token: users.openSession(user.id), user });
    },

    'auth.logout': (_input, caller) => {
      if (caller.token) users.closeSession(caller.token);
      return ok({});
    },

    'auth.me': (_input, caller) => ok(caller.user!),

    'users.create': async (input, caller) => {
      const user = await users.create(input);
      if (!user) return fail('conflict', `user ${input.username} exists already`);
      writeAudit(db, { actor: caller.user!.username, action: 'user.create', subject: user.username,
        detail: { role: user.role } });
      return ok(user);
    },

    'lanes.list': () => ok(ctx.lanes?.laneViews() ?? []),

    'lanes.manualOpen': async (input, caller) => {
      if (!ctx.lanes) return fail('not_found', 'no lanes are configured');
      const result = await ctx.lanes.manualOpen(input.laneId, input.reason, caller.user!.username);
      return ok(result);
    },

    'devices.testBarrier': async (input, caller) => {
      if (!ctx.lanes) return fail('not_found', 'no lanes are configured');
      const reason = 'installer barrier test';
      return ok(await ctx.lanes.manualOpen(input.laneId, reason, caller.user!.username));
    },

    'passages.recent': (input) => ok(ctx.views.recent(input.laneId, input.limit)),

    'passages.search': (input) => ok(ctx.views.search(input)),

    'passages.video': (input) => {
      const rows = db.prepare(
        `SELECT s.id, s.camera_id, s.start_at, s.end_at, s.path FROM passage_segments ps
         JOIN segments s ON s.id = ps.segment_id WHERE ps.passage_id = ? ORDER BY s.start_at`,
      ).all(input.passageId) as Array<{ id: number; camera_id: string; start_at: number;
        end_at: number; path: string }>;
      return ok(rows.map((r) => ({ segmentId: r.id, cameraId: r.camera_id, startAt: r.start_at,
        endAt: r.end_at, path: r.path })));
    },

    'audit.recent': (input) => {
      const rows = recentAudit(db, input.action, input.limit);
      return ok(rows.map((r) => ({ id: r.id, at: r.at!, actor: r.actor, action: r.action,
        subject: r.subject ?? null, detail: r.detail ?? null })));
    },

    'rules.sets': () => {
      if (!ctx.rules) return fail('not_found', 'no rule tables are loaded');
      return ok(ruleSetsOf(ctx.rules));
    },

    'rules.select': (input, caller) => {
      if (!ctx.rules) return fail('not_found', 'no rule tables are loaded');
      const chosen = chooseRuleSet(db, ctx.rules, input.setId, caller.user!.username);
      if (!chosen.ok) return fail('not_found', chosen.message);
      return ok(ruleSetsOf(ctx.rules));
    },

    'media.photo': async (input) => {
      const row = (db.prepare('SELECT mime FROM passage_photos WHERE sha256 = ? LIMIT 1')
        .get(input.sha256) as { mime: string } | undefined)
        ?? ledgerPhoto(input.sha256);
      if (!row) return fail('not_found', 'no such photo');
      const bytes = await ctx.media.read(input.sha256, row.mime);
      if (!bytes) return fail('not_found', 'the photo file is missing from the media root');
      return ok({ mime: row.mime, base64: bytes.toString('base64') });
    },

    ...createAlertHandlers(ctx),
    ...createSyncHandlers(ctx),
    ...createDeviceHandlers(ctx),
    ...createSetupHandlers(ctx),
    ...createLedgerHandlers(ctx),
    ...createPlaybackHandlers(ctx),
    ...createVideoHandlers(ctx),
  };
}

function ruleSetsOf(book: RuleBook) {
  return {
    selected: book.selected(),
    sets: book.sets().map(({ file: _file, ...set }) => set),
  };
}
