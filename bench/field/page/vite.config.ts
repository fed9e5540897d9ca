import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { questionnairesPlugin } from '../../../src/build/questionnairesPlugin.ts';

/**
 * The page of `npm run bench:field`: the app's own storage and sync modules (Dexie, the outbox,
 * the collector store, `sendCollectedNow`) and the questionnaire files they load, behind a small
 * API on `window` (`main.ts`). Build from the repository root (the questionnaires plugin reads
 * `questionnaires/` from there): `vite build --config bench/field/page/vite.config.ts`; the output
 * goes to `BENCH_FIELD_OUT_DIR`, by default outside the repository.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  publicDir: false,
  plugins: [questionnairesPlugin()],
  build: {
    target: 'es2022',
    outDir: resolve(process.env.BENCH_FIELD_OUT_DIR ?? join(tmpdir(), 'barometer-bench-field')),
    emptyOutDir: true,
  },
  logLevel: 'warn',
});
