// The office console: a second Vite app beside the kiosk screens, built to dist/console and
// served by the office hub (scripts/office.ts). Same rules as the kiosk build: relative URLs,
// no inline scripts or styles (the hub's CSP forbids them), nothing inlined as data: URLs.
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../../dist/console', import.meta.url)),
    emptyOutDir: true,
    assetsInlineLimit: 0,
    target: 'es2022',
    // No modulepreload polyfill: it would be an inline script in some Vite versions.
    modulePreload: { polyfill: false },
  },
  // `npm run office` on its default port serves the API while developing the console with `vite`.
  server: { proxy: { '/api': `http://127.0.0.1:${process.env.OFFICE_PORT ?? 5190}` } },
});
