// The ledgers over one database, as the API handlers use them: the three registries, the logs,
// the visits, and the imports waiting for their confirmation.
import type { Db } from '../db/database.ts';
import { openRegistries, type Registries } from './record-specs.ts';
import { LogLedger } from './log-ledger.ts';
import { Visits } from './visits.ts';
import { LedgerImports } from './import/imports.ts';

export class LedgerServices {
  readonly db: Db;
  readonly registries: Registries;
  readonly logs: LogLedger;
  readonly visits: Visits;
  readonly imports: LedgerImports;

  constructor(db: Db) {
    this.db = db;
    this.registries = openRegistries(db);
    this.logs = new LogLedger(db);
    this.visits = new Visits(db);
    this.imports = new LedgerImports(this.registries);
  }
}
