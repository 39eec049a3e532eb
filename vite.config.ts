import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { BUILT_PAGE_POLICY } from './electron/config/csp.ts';

// The renderer build. `base: './'` keeps every asset URL relative, so the same files load from
// file:// inside Electron and from / when the headless host serves them over HTTP. The output
// carries no inline script and needs no eval: the server's CSP allows scripts from 'self' only.
//
// During development `vite` forwards /api (calls and the event socket) to a running headless
// host named by GATEHOUSE_API_URL, e.g. GATEHOUSE_API_URL=http://127.0.0.1:8443 npx vite.
const apiUrl = process.env.GATEHOUSE_API_URL;

// The built page also carries its policy in a meta tag (electron/config/csp.ts). Build only:
// the dev server needs an inline preamble.
const cspMeta: Plugin = {
  name: 'gatehouse-csp-meta',
  apply: 'build',
  transformIndexHtml: () => [
    { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: BUILT_PAGE_POLICY },
      injectTo: 'head-prepend' },
  ],
};

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), cspMeta],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // The polyfill would be one more script for browsers Electron's Chromium is not.
    modulePreload: { polyfill: false },
    // One bundle loads from disk or loopback; antd alone is larger than the default warning.
    chunkSizeWarningLimit: 3000,
  },
  server: apiUrl ? { proxy: { '/api': { target: apiUrl, ws: true } } } : {},
});
