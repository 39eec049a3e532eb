// Where the application's own files are. This module sits two folders below the app root
// (electron/config/), and the bundled main process sits two below it too (dist/main/), so the
// same relative URL finds the root in both. Every module reads resources through here.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const APP_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const resourcePath = (...parts: string[]) => join(APP_ROOT, 'resources', ...parts);

/** The built renderer (vite build output). */
export const UI_DIR = join(APP_ROOT, 'dist', 'renderer');
