// The ledger pages' routes (#/vehicles …) and who may open them. The contract's access lists
// decide: a page shows for the roles that may list its ledger. Guards keep no registries; the
// contract lets them read visits, where they record the cargo at the exit.
import { CALLS, canAccess, type Ledger, type Role } from '../../electron/api/contract.ts';

export const LEDGER_ROUTES = ['vehicles', 'inplant', 'machinery', 'logs', 'visits'] as const;
export type LedgerRoute = (typeof LEDGER_ROUTES)[number];

/** The contract's ledger behind each route. */
export const LEDGER_OF: Readonly<Record<LedgerRoute, Ledger>> = {
  vehicles: 'vehicles',
  inplant: 'inPlant',
  machinery: 'machinery',
  logs: 'logs',
  visits: 'visits',
};

const LIST_CALL = {
  vehicles: 'ledger.vehicles.list',
  inPlant: 'ledger.inPlant.list',
  machinery: 'ledger.machinery.list',
  logs: 'ledger.logs.list',
  visits: 'ledger.visits.list',
} as const satisfies Record<Ledger, keyof typeof CALLS>;

export function isLedgerRoute(route: string): route is LedgerRoute {
  return (LEDGER_ROUTES as readonly string[]).includes(route);
}

export function readsLedger(role: Role, ledger: Ledger): boolean {
  return canAccess(CALLS[LIST_CALL[ledger]].access, role);
}

/** The ledger pages this role may open, in the menu's order. */
export function ledgerRoutesFor(role: Role): LedgerRoute[] {
  return LEDGER_ROUTES.filter((route) => readsLedger(role, LEDGER_OF[route]));
}

/** Officers keep the registries and logs (create, edit, import). */
export const keepsLedgers = (role: Role) => canAccess(CALLS['ledger.vehicles.create'].access, role);
/** Exports are for every reader: managers and officers alike. */
export const exportsLedgers = (role: Role) => canAccess(CALLS['ledger.export'].access, role);
export const samplesLedgers = (role: Role) => canAccess(CALLS['ledger.sample'].access, role);
export const writesCargo = (role: Role) =>
  canAccess(CALLS['ledger.visits.setCargo'].access, role);
/** The passages' hash chain: exported and verified by those who read the ledgers. */
export const verifiesChain = (role: Role) =>
  canAccess(CALLS['ledger.chain.verify'].access, role);
