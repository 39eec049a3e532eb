// Migration 2: rules and alerts (issue #5). Reserved; filled while #5 is built.
export const MIGRATION_002 = `-- reserved for issue #5`;
