// Creates a folder and its missing parents, one level at a time. Node's own recursive mkdir
// (sync and async alike) loops forever where a parent exists but answers ENOENT for a child,
// as /proc and /sys do: it reads that as "make the parent first", the parent is there, and it
// tries again. Typed by an installer into the storage step, such a path froze the whole host.
// Here that ENOENT is final and comes back as the error it is.
import { lstatSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export function makeFolder(path: string): void {
  const missing: string[] = [];
  let at = resolve(path);
  while (!entryExists(at)) {
    missing.unshift(at);
    const parent = dirname(at);
    if (parent === at) break;
    at = parent;
  }

  for (const folder of missing) mkdirSync(folder);

  if (!statSync(path).isDirectory()) {
    throw Object.assign(new Error(`ENOTDIR: not a directory, ${path}`), { code: 'ENOTDIR' });
  }
}

/** Whether anything, even a dangling symlink, has this name. */
function entryExists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}
