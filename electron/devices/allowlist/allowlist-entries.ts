// Which registered vehicles go on a camera's own allowlist. The camera admits them by itself
// while the PC is down, when nobody can know today's alert level, so the list holds only the
// vehicles that pass at every level: China VI and new-energy vehicles (the heavy-pollution
// rules let them transport even under a red alert). Everyone else waits for the PC.
import type { Db } from '../../db/database.ts';

/** Emission stages (our codes) a camera may admit without asking: '6' China VI, 'D' electric. */
export const CAMERA_ADMITS_STAGES = ['6', 'D'] as const;

export interface AllowlistEntry {
  plate: string;
  plateColor: string;
}

export function cameraAllowlist(db: Db): AllowlistEntry[] {
  const marks = CAMERA_ADMITS_STAGES.map(() => '?').join(', ');
  return db.prepare(`SELECT plate, plate_color AS plateColor FROM vehicles
    WHERE emission_stage IN (${marks}) ORDER BY plate`).all(...CAMERA_ADMITS_STAGES) as
    AllowlistEntry[];
}
