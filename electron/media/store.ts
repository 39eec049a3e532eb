// Photos and other evidence files live under the media root, named by their SHA-256, so the
// database refers to content, not to a path that could be swapped. A file is written to a
// temporary name, flushed, then renamed: a crash never leaves a half-written photo under its
// final name.
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
};

export class MediaStore {
  readonly root: string;

  constructor(root: string) {
    this.root = root;
  }

  pathOf(sha256: string, mime: string): string {
    return join(this.root, sha256.slice(0, 2), `${sha256}.${EXTENSIONS[mime] ?? 'bin'}`);
  }

  /** Stores bytes under their hash; an identical file already there is kept as it is. */
  async put(bytes: Buffer, mime: string): Promise<{ sha256: string; created: boolean }> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const final = this.pathOf(sha256, mime);

    if (await exists(final)) return { sha256, created: false };

    await fs.mkdir(join(this.root, sha256.slice(0, 2)), { recursive: true });
    const temp = `${final}.${randomBytes(6).toString('hex')}.tmp`;
    const handle = await fs.open(temp, 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, final);
    return { sha256, created: true };
  }

  async read(sha256: string, mime: string): Promise<Buffer | null> {
    try {
      return await fs.readFile(this.pathOf(sha256, mime));
    } catch {
      return null;
    }
  }

  /** Removes a file this request created when its database row never committed. */
  async discard(sha256: string, mime: string): Promise<void> {
    await fs.rm(this.pathOf(sha256, mime), { force: true });
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await fs.access(path);
    return true;
  } catch {
    return false;
  }
}
