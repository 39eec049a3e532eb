// Fills a demo data folder with the demo registry and the demo-only accounts. Idempotent: a
// second start of the same folder adds nothing.
import type { Db } from '../db/database.ts';
import type { Users } from '../auth/users.ts';
import { VehicleRegistry } from '../ledger/vehicles.ts';
import { DEMO_FLEET_SIZE, DEMO_USERS, DEMO_VEHICLES, demoFleet } from '../config/demo-site.ts';

export async function seedDemo(db: Db, users: Users): Promise<{ vehicles: number; users: number }> {
  const registry = new VehicleRegistry(db);
  let vehicles = 0;
  db.transaction(() => {
    for (const v of [...DEMO_VEHICLES, ...demoFleet(DEMO_FLEET_SIZE)]) {
      // The demo registry stands for vehicles the platform holds already: not reported.
      if (registry.add(v, { report: false })) vehicles++;
    }
  })();

  let created = 0;
  for (const u of DEMO_USERS) {
    if (await users.create(u, true)) created++;
  }
  return { vehicles, users: created };
}
