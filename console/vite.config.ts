/**
 * Builds the web console into dist/console, which the server serves at `/` (src/modules/console).
 * Secondary screens are split into their own chunks, so the first load stays small.
 */
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  // The console calls the API through the same typed client as the CLI.
  resolve: { alias: { '@client': path.resolve(import.meta.dirname, '../src/client') } },
  build: {
    outDir: path.resolve(import.meta.dirname, '../dist/console'),
    emptyOutDir: true,
    target: 'es2022',
    // No inline scripts (the console's Content-Security-Policy forbids them) and no source maps in the install.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
    reportCompressedSize: false,
  },
  server: { proxy: { '^/(v1|v2|v3|identity|api)/': 'http://127.0.0.1:8080' } },
});
