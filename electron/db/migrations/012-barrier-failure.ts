// Migration 12: the kind of a barrier's failure (api/contract/barrier-failures.ts) and of a
// device's (api/contract/device-calls.ts) beside the driver's sentence, so the guard's page
// words it in the guard's language. Rows from before have none and show the sentence as it was.
export const MIGRATION_012 = `
  ALTER TABLE barrier_events ADD COLUMN failure TEXT;
  ALTER TABLE device_health ADD COLUMN failure TEXT;
  ALTER TABLE device_transitions ADD COLUMN failure TEXT;
  `;
