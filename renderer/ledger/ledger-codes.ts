// The code lists the ledger forms and filters offer. Stages and plate colours come from the
// contract; fuel, use and vehicle-type codes are the GA tables of domain.md §2.5, shown with
// their Chinese names from the locale files (ledger.fuel.B → 柴油).
export {
  AUDIT_STATUSES, LEDGER_PLATE_COLORS, MACHINERY_STAGES, STAGE_EVIDENCE_KINDS, VEHICLE_STAGES,
  VEHICLE_STATUS_FILTERS,
} from '../../electron/api/contract.ts';

/** GA 24.9 fuel kinds: A petrol, B diesel, C electric … */
export const FUEL_CODES = ['A', 'B', 'C', 'D', 'E', 'F', 'L', 'M', 'N', 'O', 'Y', 'Z'] as const;

/** GA 24.3 use characters: A non-operating, F freight … */
export const USE_CODES = [
  'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'Z',
] as const;

/** Rows per page: one screen of a gate PC, and one quick query for the core. */
export const LEDGER_PAGE_SIZE = 50;
