// Where footage goes. A site may give several storage roots (data disks); each camera records
// to the root with the most free space when its recorder starts, in `<root>/recordings/<id>`.
// A root that cannot be read (a disk that is not mounted) is skipped and said so, so footage
// never lands on the system disk by accident.
// A camera whose root later falls below the safety margin moves to the root with the most room
// on another disk (storage/monitor.ts, host/recording.ts).
import { join } from 'node:path';
import type { Logger } from '../log/logger.ts';
import type { FreeSpaceSource, RootSpace } from './free-space.ts';
import { makeFolder } from './make-folder.ts';

export interface RootCheck {
  path: string;
  ok: boolean;
  space: RootSpace | null;
  error: string | null;
}

/** Creates the root if needed and reads its free space; never throws. */
export async function checkRoot(path: string, freeSpace: FreeSpaceSource): Promise<RootCheck> {
  try {
    makeFolder(path);
    return { path, ok: true, space: await freeSpace(path), error: null };
  } catch (err) {
    return { path, ok: false, space: null, error: (err as Error).message };
  }
}

/** The usable root with the most free space, or null when none is usable. */
export async function chooseRoot(
  roots: readonly string[],
  freeSpace: FreeSpaceSource,
  log: Logger,
): Promise<string | null> {
  const checks = await Promise.all(roots.map((r) => checkRoot(r, freeSpace)));
  for (const bad of checks.filter((c) => !c.ok)) {
    log.error({ root: bad.path, error: bad.error }, 'storage root unusable; skipped');
  }
  const usable = checks.filter((c) => c.ok && c.space);
  usable.sort((a, b) => b.space!.freeBytes - a.space!.freeBytes);
  return usable[0]?.path ?? null;
}

export function cameraDir(root: string, cameraId: string): string {
  return join(root, 'recordings', cameraId);
}
