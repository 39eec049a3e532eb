// The ledgers over one database, as the API handlers use them: the three registries, the logs,
// the visits, and the imports waiting for their confirmation.
import type { Db } from '../db/database.ts';
import { openRegistries, type Registries } from './record-specs.ts';
import { NO_SITE, type SiteFacts } from './record-ledger.ts';
import { LogLedger } from './log-ledger.ts';
import { Visits } from './visits.ts';
import { LedgerImports } from './import/imports.ts';

export class LedgerServices {
  readonly db: Db;
  readonly registries: Registries;
  readonly logs: LogLedger;
  readonly visits: Visits;
  readonly imports: LedgerImports;

  /** `site`: the site as configured now (its lanes), which saves are checked against. */
  constructor(db: Db, site: () => SiteFacts = () => NO_SITE) {
    this.db = db;
    this.registries = openRegistries(db, site);
    this.logs = new LogLedger(db);
    this.visits = new Visits(db);
    this.imports = new LedgerImports(this.registries);
  }
}
