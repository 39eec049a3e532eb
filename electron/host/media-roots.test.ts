import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database.ts';
import { MediaStore } from '../media/store.ts';
import { rememberMediaRoot } from './media-root-history.ts';
import { MediaRoots } from './media-roots.ts';

const dir = mkdtempSync(join(tmpdir(), 'gatehouse-media-roots-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('photos after the installer chose a data disk', () => {
  it('are written to the disk and still found when taken before it was chosen', async () => {
    const before = await new MediaStore(join(dir, 'data', 'media')).put(Buffer.from('old'),
      'image/jpeg');
    const roots = new MediaRoots(join(dir, 'disk', 'media'), join(dir, 'data'));
    const after = await roots.put(Buffer.from('new'), 'image/jpeg');

    expect(roots.pathOf(after.sha256, 'image/jpeg')).toContain(join(dir, 'disk', 'media'));
    expect((await roots.read(after.sha256, 'image/jpeg'))?.toString()).toBe('new');
    expect((await roots.read(before.sha256, 'image/jpeg'))?.toString()).toBe('old');
    expect(await roots.read('0'.repeat(64), 'image/jpeg')).toBeNull();
  });

  it('are found on every disk chosen before the current one, without moving a file',
    async () => {
      const db = openDatabase(join(dir, 'history.db'));
      const [d, e, f] = ['d', 'e', 'f'].map((x) => join(dir, `disk-${x}`, 'media'));
      const photo = (root: string, text: string) =>
        new MediaStore(root).put(Buffer.from(text), 'image/jpeg');

      expect(rememberMediaRoot(db, d!)).toEqual([]);
      const onD = await photo(d!, 'taken on D');
      expect(rememberMediaRoot(db, e!)).toEqual([d]);
      const onE = await photo(e!, 'taken on E');
      const roots = new MediaRoots(f!, join(dir, 'data'), rememberMediaRoot(db, f!));

      expect((await roots.read(onD.sha256, 'image/jpeg'))?.toString()).toBe('taken on D');
      expect((await roots.read(onE.sha256, 'image/jpeg'))?.toString()).toBe('taken on E');
      // Back to D: it is current again, and E and F are the earlier ones, F the most recent.
      expect(rememberMediaRoot(db, d!)).toEqual([f, e]);
      db.close();
    });

  it('read a damaged list of roots as none rather than failing the start', () => {
    const db = openDatabase(join(dir, 'damaged.db'));
    db.prepare("INSERT INTO settings (key, value) VALUES ('media.rootsUsed', '{not json')").run();

    expect(rememberMediaRoot(db, join(dir, 'disk-g'))).toEqual([]);
    expect(rememberMediaRoot(db, join(dir, 'disk-h'))).toEqual([join(dir, 'disk-g')]);
    db.close();
  });
});
