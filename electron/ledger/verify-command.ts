// `gatehouse verify-export FILE --data DIR`: re-derives the hash chain of a passages export and
// compares it with the site's database, for exports too large for the API or for an inspector
// at the gate PC. Without FILE it verifies the database's own chain. Exit 0 when it holds.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../db/database.ts';
import { verifyDatabaseChain, verifyExport, type ExportCheck } from './chain-verify.ts';

export async function runVerifyExport(dataDir: string, file: string | undefined,
  out: (line: string) => void): Promise<number> {
  const db = openDatabase(join(dataDir, 'gatehouse.db'));
  try {
    const check: ExportCheck = file
      ? await verifyExport(db, readFileSync(file))
      : verifyDatabaseChain(db);

    if (check.ok) {
      out(`chain holds: ${check.rows} rows${file ? ', identical in the database' : ''}`);
      return 0;
    }
    const bad = check.firstBad!;
    out(`chain broken at seq ${bad.seq}${bad.passageId ? ` (${bad.passageId})` : ''}: ` +
      bad.reason);
    return 1;
  } finally {
    db.close();
  }
}
