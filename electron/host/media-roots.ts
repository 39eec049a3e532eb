// Photos are written under the storage root the installer chose (a data disk), and read from
// there first, then from the data folder's own media root, where every photo went before a
// storage root was set: choosing a data disk later does not lose the photos taken until then.
// TODO(#3): photos under an earlier custom root are found only after they are moved by hand.
import { join } from 'node:path';
import { MediaStore } from '../media/store.ts';

export class MediaRoots extends MediaStore {
  private readonly earlier: MediaStore | null;

  constructor(root: string, dataDir: string) {
    super(root);
    const own = join(dataDir, 'media');
    this.earlier = own === root ? null : new MediaStore(own);
  }

  override async read(sha256: string, mime: string): Promise<Buffer | null> {
    return (await super.read(sha256, mime)) ?? (await this.earlier?.read(sha256, mime)) ?? null;
  }
}
