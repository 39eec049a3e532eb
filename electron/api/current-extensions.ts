// The API server starts once, while the site's services are replaced whenever the installer
// saves a site: this extension hands each request to whichever generation's endpoints run now.
import type { ServerExtension } from './server.ts';

export function currentExtensions(now: () => readonly ServerExtension[]): ServerExtension {
  return {
    async request(req, res, url, caller) {
      for (const extension of now()) {
        if (await extension.request?.(req, res, url, caller)) return true;
      }
      return false;
    },
    upgrade(req, socket, head, url, caller) {
      return now().some((extension) => extension.upgrade?.(req, socket, head, url, caller));
    },
  };
}
