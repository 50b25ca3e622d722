/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';

const lib = fileURLToPath(new URL('./src/lib', import.meta.url));

// Kluis runs inside Tauri with a strict CSP (default-src 'self'): nothing may be inlined as a
// data: URI or loaded from elsewhere, so assets stay files and fonts come from ../assets/fonts.
export default defineConfig({
  plugins: [svelte()],
  resolve: {
    alias: { $lib: lib },
    // Component tests run Svelte's browser build in jsdom.
    ...(process.env.VITEST ? { conditions: ['browser'] } : {}),
  },
  clearScreen: false,
  server: {
    port: 1420,
    strictPort: true,
    // The fonts live in the repository's assets/ folder, beside ui/.
    fs: { allow: ['..'] },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'safari15',
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
    setupFiles: ['src/test/setup.ts'],
  },
});
