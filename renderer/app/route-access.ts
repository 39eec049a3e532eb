// Which pages a role has: the menu shows only those, and a page the role lacks (a hash left in
// the address by the user before, a bookmark) shows the Lanes page instead of a page of refusals.
// Each list is the contract's access list of the call the page is built on.
import type { Role } from '../../electron/api/contract.ts';
import type { Route } from './use-hash-route.ts';

const ONLY: Partial<Record<Route, readonly Role[]>> = {
  /** `sync.status`: guards have no Sync page. */
  sync: ['officer', 'manager', 'installer'],
  /** `windowCheck.load`. */
  windowCheck: ['officer', 'manager', 'installer'],
  /** The setup wizard. */
  settings: ['installer'],
};

/** Ledger routes decide for themselves (LedgerPages); every other page is for every role. */
export function routeAllowed(route: Route, role: Role): boolean {
  return ONLY[route]?.includes(role) ?? true;
}
