// Migration 11: the test mark (issue #3). A passage made by the setup wizard's test push is
// evidence that the chain works, not of a truck: it is kept, marked, and left out of the
// platform's feed, the visits and the cap's counts. Rows before this migration are real reads.
export const MIGRATION_011 = `
  ALTER TABLE passages ADD COLUMN test_push INTEGER NOT NULL DEFAULT 0;
  `;
