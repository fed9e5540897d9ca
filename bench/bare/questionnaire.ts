import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (two folders up from here). */
export const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/**
 * Where the bare page is built: outside the repository, so that ESLint,
 * Prettier and git never see the minified output. `npm run bench:app` sets
 * `BENCH_BARE_OUT_DIR` to a fresh temporary folder and removes it afterwards.
 */
export const bareOutDir = () =>
  resolve(process.env.BENCH_BARE_OUT_DIR ?? join(tmpdir(), 'barometer-bench-bare'));

/**
 * The questionnaire both pages render: `BENCH_QUESTIONNAIRE` (a path) when
 * set, else the newest version of the operative 2021 state questionnaire
 * when present (a new draft in the app starts on the newest version), else
 * the first `questionnaires/*.json` in name order.
 */
export function benchQuestionnaireFile(): string {
  const fromEnv = process.env.BENCH_QUESTIONNAIRE;
  if (fromEnv) return resolve(fromEnv);
  const dir = join(REPO_ROOT, 'questionnaires');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const versionOf = (f: string) => Number(/\.v(\d+)\.json$/.exec(f)?.[1] ?? 0);
  const operative = files
    .filter((f) => f.startsWith('stat-2021-operativ.'))
    .sort((a, b) => versionOf(b) - versionOf(a));
  const chosen = operative[0] ?? files[0];
  if (!chosen) throw new Error(`no questionnaire in ${dir}`);
  return join(dir, chosen);
}
