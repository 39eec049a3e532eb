// The core's answers to the calls of issue #7: the sync status page and the officer's
// fix-and-resend of a message the platform refused. Role checks and input validation happened
// in the dispatcher already.
import { fail, ok } from './contract.ts';
import type { Handlers } from './dispatcher.ts';
import type { HandlerContext } from './handlers.ts';
import { syncStatus } from '../sync/status.ts';
import { outboxCounts } from '../sync/outbox.ts';
import { resendRejected } from '../sync/resend.ts';

type SyncCalls = 'sync.status' | 'sync.resend';

export function createSyncHandlers(ctx: HandlerContext): Pick<Handlers, SyncCalls> {
  const now = () => ctx.now?.() ?? Date.now();

  return {
    'sync.status': (input) => ok(syncStatus(ctx.db, now(), input.rejectedLimit)),

    'sync.resend': (input, caller) => {
      const result = resendRejected(ctx.db, input.outboxId, caller.user!.username, now());
      if (!result.ok) return fail(result.code, result.message);

      // The new row is due at once: the drainer sends it now instead of at its next poll.
      ctx.wakeOutbox?.();
      const counts = outboxCounts(ctx.db);
      ctx.emit?.('sync.changed', { pending: counts.pending, acked: counts.acked });
      return ok({ outboxId: result.row.id, messageId: result.row.messageId,
        rebuilt: result.rebuilt });
    },
  };
}
