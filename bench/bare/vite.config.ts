import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { bareOutDir, benchQuestionnaireFile } from './questionnaire.ts';

/**
 * The bare React page of `npm run bench:app`: React and the questionnaire
 * JSON, nothing else (no Dexie, i18n, Formik, design system or service worker).
 * Build: `vite build --config bench/bare/vite.config.ts`.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  publicDir: false,
  plugins: [
    react(),
    {
      name: 'bench-bare-questionnaire',
      generateBundle() {
        this.emitFile({
          type: 'asset',
          fileName: 'questionnaire.json',
          source: readFileSync(benchQuestionnaireFile(), 'utf8'),
        });
      },
    },
  ],
  build: { target: 'es2022', outDir: bareOutDir(), emptyOutDir: true },
  logLevel: 'warn',
});
