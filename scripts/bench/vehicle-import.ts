// vehicle_import_5k_s: a carrier's sheet of 5 000 trucks (electron/sim/carrier-sheet.ts)
// imported into a fresh ledger file the way the officer does it — preview, then confirm — each
// row checked, written with its version and its M3 outbox row. Timed from the sheet's bytes to
// the last row committed; making the sheet is not timed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../electron/db/database.ts';
import { LedgerServices } from '../../electron/ledger/ledger-services.ts';
import { carrierSheet } from '../../electron/sim/carrier-sheet.ts';
import { onShutdown } from './shutdown.ts';
import { round2 } from './stats.ts';
import type { BenchContext, Measure, MeasureGroup } from './registry.ts';

export const IMPORT_5K_S = 'vehicle_import_5k_s';
const VEHICLES = 5_000;

export const vehicleImport: MeasureGroup = {
  id: 'vehicle-import',
  names: [IMPORT_5K_S],
  run,
};

async function run(ctx: BenchContext): Promise<Measure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-bench-import-'));
  const db = openDatabase(join(dir, 'gatehouse.db'));
  const cleanUp = async () => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  };
  const unregister = onShutdown(cleanUp);

  try {
    const sheet = await carrierSheet(VEHICLES);
    const ledger = new LedgerServices(db);
    const started = performance.now();
    const preview = await ledger.imports.preview('vehicles', sheet, 'bench', Date.now());
    const previewed = performance.now();
    const done = await ledger.imports.confirm(preview.previewId,
      { username: 'bench', now: Date.now() });
    const seconds = (performance.now() - started) / 1000;

    if (done?.imported !== VEHICLES) {
      throw new Error(`imported ${done?.imported ?? 0} of ${VEHICLES}: ` +
        `${preview.errors.slice(0, 3).map((e) => e.en).join('; ')}`);
    }
    ctx.note(`${sheet.length} bytes of xlsx; preview ${round2((previewed - started) / 1000)} s,` +
      ` confirm ${round2(seconds - (previewed - started) / 1000)} s`);
    return [{ name: IMPORT_5K_S, value: round2(seconds), unit: 's' }];
  } finally {
    unregister();
    await cleanUp();
  }
}
