// The Electron entry (bundled to dist/main/main.cjs). It only wires the desktop shell to the
// core; everything it does is in electron/shell/, and the core itself never sees Electron.
import { app, dialog } from 'electron';
import { startHost } from './host/host.ts';
import { runDesktopApp } from './shell/app-lifecycle.ts';

runDesktopApp({ startHost, argv: process.argv }).catch((err: Error) => {
  dialog.showErrorBox('Gatehouse could not start', err.stack ?? err.message);
  app.exit(1);
});
