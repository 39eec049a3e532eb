// Migration 12: the kind of a barrier failure (api/contract/barrier-failures.ts) beside the
// driver's sentence, so the guard's page words it in the guard's language. Failures recorded
// before this migration have none and show the sentence as it was.
export const MIGRATION_012 = `
  ALTER TABLE barrier_events ADD COLUMN failure TEXT;
  `;
