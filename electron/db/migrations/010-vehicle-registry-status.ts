// Migration 10: the M3 registration fields a transport vehicle lacked (issue #4, domain.md §2.3):
// the lanes it may use (comma-separated lane ids; empty means every lane), the validity of its
// registration (yyyy-MM-dd, either end open), the blacklist with the officer's reason, and the
// platform's audit status of the registration. Vehicles registered before it are unaudited.
export const MIGRATION_010 = `
  ALTER TABLE vehicles ADD COLUMN authorised_lanes TEXT NOT NULL DEFAULT '';
  ALTER TABLE vehicles ADD COLUMN valid_from TEXT;
  ALTER TABLE vehicles ADD COLUMN valid_to TEXT;
  ALTER TABLE vehicles ADD COLUMN blacklisted INTEGER NOT NULL DEFAULT 0
    CHECK (blacklisted IN (0, 1));
  ALTER TABLE vehicles ADD COLUMN blacklist_reason TEXT NOT NULL DEFAULT '';
  ALTER TABLE vehicles ADD COLUMN audit_status TEXT NOT NULL DEFAULT 'pending'
    CHECK (audit_status IN ('pending', 'approved', 'rejected'));
  `;
