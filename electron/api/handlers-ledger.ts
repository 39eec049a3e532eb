// The core's answers to the ledger calls (issue #4). Role checks and input validation happened
// in the dispatcher already; the work lives in electron/ledger.
import { fail } from './contract.ts';
import { LEDGER_CALLS } from './contract/ledger-calls.ts';
import type { Handler, Handlers } from './dispatcher.ts';
import type { HandlerContext } from './handlers.ts';

type LedgerCalls = keyof typeof LEDGER_CALLS;

export function createLedgerHandlers(_ctx: HandlerContext): Pick<Handlers, LedgerCalls> {
  // TODO(#4): the ledger calls are being built; until then each answers not_found.
  const pending: Handler<LedgerCalls> = () => fail('not_found', 'the ledgers are being built');
  const handlers = {} as Record<LedgerCalls, Handler<LedgerCalls>>;
  for (const name of Object.keys(LEDGER_CALLS) as LedgerCalls[]) handlers[name] = pending;
  return handlers as Pick<Handlers, LedgerCalls>;
}
