// Photos are written under the storage root the installer chose (a data disk), and read from
// there first, then from every root used before it (media-root-history.ts), then from the data
// folder's own media root, where every photo went before a storage root was set: choosing a data
// disk later, or another one after that, does not lose the photos taken until then.
import { join } from 'node:path';
import { MediaStore } from '../media/store.ts';

export class MediaRoots extends MediaStore {
  private readonly earlier: MediaStore[];

  /** `earlierRoots`: the roots used before this one, the most recent first. */
  constructor(root: string, dataDir: string, earlierRoots: readonly string[] = []) {
    super(root);
    const own = join(dataDir, 'media');
    const roots = [...earlierRoots, own].filter((r, i, all) => r !== root && all.indexOf(r) === i);
    this.earlier = roots.map((r) => new MediaStore(r));
  }

  override async read(sha256: string, mime: string): Promise<Buffer | null> {
    const found = await super.read(sha256, mime);
    if (found) return found;

    for (const store of this.earlier) {
      const bytes = await store.read(sha256, mime);
      if (bytes) return bytes;
    }
    return null;
  }
}
