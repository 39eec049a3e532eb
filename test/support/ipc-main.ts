// A stand-in for Electron's ipcMain: the handlers the main process registers, by channel, for a
// test to invoke as a window would. Mock with `vi.mock('electron', () => import(<this file>))`.
type Handler = (event: unknown, ...args: unknown[]) => Promise<unknown>;

export const ipcHandlers = new Map<string, Handler>();

export const ipcMain = {
  handle: (channel: string, fn: Handler) => ipcHandlers.set(channel, fn),
  removeHandler: (channel: string) => ipcHandlers.delete(channel),
};
