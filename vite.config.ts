import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vitest/config';
import { questionnairesPlugin } from './src/build/questionnairesPlugin.ts';

export default defineConfig({
  plugins: [
    react(),
    questionnairesPlugin(),
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
  build: { target: 'es2022', sourcemap: true },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
  },
});
