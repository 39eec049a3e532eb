// How much room a storage root has. Behind an interface so the retention tests can play a disk
// filling up without filling one: the real source asks the file system (fs.statfs).
import { stat, statfs } from 'node:fs/promises';

export interface RootSpace {
  freeBytes: number;
  totalBytes: number;
  /** Identifies the file system: two roots on one disk share its free space. */
  device: string;
}

export type FreeSpaceSource = (root: string) => Promise<RootSpace>;

/** Free space as an unprivileged process may use it (bavail, not bfree: root's reserve is not
 * ours). */
export const statfsSource: FreeSpaceSource = async (root) => {
  const [fsInfo, info] = await Promise.all([statfs(root), stat(root)]);
  return {
    freeBytes: fsInfo.bavail * fsInfo.bsize,
    totalBytes: fsInfo.blocks * fsInfo.bsize,
    device: String(info.dev),
  };
};
