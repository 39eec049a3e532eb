import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MediaStore } from '../media/store.ts';
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
});
