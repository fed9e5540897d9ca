import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vitest/config';
import { preloadFontsPlugin } from './src/build/preloadFontsPlugin.ts';
import { questionnairesPlugin } from './src/build/questionnairesPlugin.ts';
import { siteConfigPlugin } from './src/build/siteConfigPlugin.ts';
import { trimThemePlugin } from './src/build/trimThemePlugin.ts';

export default defineConfig({
  plugins: [
    react(),
    questionnairesPlugin(),
    siteConfigPlugin(),
    preloadFontsPlugin(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/pwa',
      filename: 'sw.ts',
      registerType: 'prompt',
      injectRegister: false,
      injectManifest: {
        // A classic worker: with the default 'es' format the worker ends in `export`, and registration fails silently.
        rollupFormat: 'iife',
        globPatterns: ['**/*.{js,css,html,json,woff2,svg,png}'],
      },
      manifest: {
        name: 'Barometer – Innovasjonsbarometeret',
        short_name: 'Barometer',
        description: 'Svar på Innovasjonsbarometeret og se din indeksprofil, også uten nett.',
        lang: 'nb',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#0062ba',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          {
            src: '/icons/maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
      },
    }),
  ],
  resolve: {
    alias: [
      // Formik's four lodash functions, in a few lines each (src/shims/lodash-es/README.md).
      {
        find: /^lodash-es\/(cloneDeep|clone|isPlainObject|toPath)$/,
        replacement: fileURLToPath(new URL('./src/shims/lodash-es/$1.ts', import.meta.url)),
      },
      // Dexie's package entry wraps its UMD build for CommonJS interop, which no bundler can shake
      // or scope-hoist; the app is ESM only, so it takes the ES module build (one copy, as before).
      {
        find: /^dexie$/,
        replacement: fileURLToPath(new URL('./node_modules/dexie/dist/dexie.mjs', import.meta.url)),
      },
    ],
  },
  css: { postcss: { plugins: [trimThemePlugin()] } },
  // The answer worker is a module worker (`src/storage/answerChannel.ts`).
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: true,
    rolldownOptions: {
      output: {
        // What the first screen needs in one chunk: each extra module file costs the page a request
        // and a parse on the main thread before the first question can show.
        codeSplitting: { groups: [{ name: 'app', tags: ['$initial'] }] },
      },
    },
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    // TEST_DATABASE_URL, or one embedded PostgreSQL for the whole run (tests/support/postgres.ts).
    globalSetup: ['tests/support/postgres.ts'],
  },
});
