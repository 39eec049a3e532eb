// Migration 8: LPR (issue #3) — a vendor event id is unique only near its capture time. Camera
// counters restart (a Vzenith plateid begins again after a reboot), and the unique index of
// migration 1 made the first reused id after a restart fail its passage. The lane now dedupes
// by (camera, event id, capture time within minutes) and this index serves that lookup.
export const MIGRATION_008 = `
  DROP INDEX IF EXISTS passages_vendor_event;
  CREATE INDEX passages_vendor_event_time ON passages(camera_id, vendor_event_id, captured_at)
    WHERE vendor_event_id IS NOT NULL;
`;
