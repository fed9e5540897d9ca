import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { withoutComments } from './withoutComments.ts';
import { estimateMinutes } from '../engine/index.ts';
import { loadQuestionnaireFile } from '../server/loadQuestionnaireFile.ts';
import type { CatalogEntry } from '../platform/catalog.ts';

/**
 * Publishes `questionnaires/*.json` under `/questionnaires/` (compact, without `$comment`) and their
 * catalog as the module `virtual:questionnaire-catalog`, after parsing every
 * file with the engine: a broken spec fails the build, naming the file, the
 * JSON path and the reason.
 */
const SOURCE_DIR = 'questionnaires';

async function collect() {
  const files = (await readdir(SOURCE_DIR)).filter((f) => f.endsWith('.json')).sort();
  const errors: string[] = [];
  const entries: { entry: CatalogEntry; source: string }[] = [];
  for (const file of files) {
    const path = join(SOURCE_DIR, file);
    const parsed = await loadQuestionnaireFile(path);
    if (!parsed.ok) {
      errors.push(...parsed.errors);
      continue;
    }
    const spec = parsed.value;
    const source = servedQuestionnaire(await readFile(path, 'utf8'));
    entries.push({
      source,
      entry: {
        sha256: createHash('sha256').update(source, 'utf8').digest('hex'),
        id: spec.id,
        version: spec.version,
        file,
        title: spec.title,
        ...(spec.description ? { description: spec.description } : {}),
        completeness: spec.provenance.completeness,
        minutes: estimateMinutes(spec),
        hasProfile: (spec.indicators?.length ?? 0) > 0,
      },
    });
  }
  return { errors, entries };
}

/**
 * What the app fetches: the file without the authors' notes and whitespace, 65 KiB → 29 KiB for
 * the operative questionnaire, which the first question waits for (download, SHA-256, parse) and
 * the page then holds. The repository's file stays the one to read and cite.
 */
export function servedQuestionnaire(source: string): string {
  return JSON.stringify(JSON.parse(source), withoutComments);
}

/** The catalog, built into the app: the first screen can ask for its questionnaire at once. */
const CATALOG_MODULE = 'virtual:questionnaire-catalog';
const RESOLVED_CATALOG_MODULE = `\0${CATALOG_MODULE}`;

export function questionnairesPlugin(): Plugin {
  return {
    name: 'barometer-questionnaires',
    resolveId(id) {
      return id === CATALOG_MODULE ? RESOLVED_CATALOG_MODULE : undefined;
    },
    async load(id) {
      if (id !== RESOLVED_CATALOG_MODULE) return undefined;
      const { errors, entries } = await collect();
      if (errors.length > 0) this.error(`invalid questionnaire(s):\n${errors.join('\n')}`);
      for (const { entry } of entries) this.addWatchFile(join(SOURCE_DIR, entry.file));
      return `export default ${JSON.stringify(entries.map((e) => e.entry))};`;
    },
    async generateBundle() {
      const { errors, entries } = await collect();
      if (errors.length > 0) this.error(`invalid questionnaire(s):\n${errors.join('\n')}`);
      for (const { entry, source } of entries) {
        this.emitFile({ type: 'asset', fileName: `questionnaires/${entry.file}`, source });
      }
    },
    configureServer(server) {
      server.middlewares.use('/questionnaires', (req, res, next) => {
        void collect().then(({ errors, entries }) => {
          const name = (req.url ?? '').replace(/^\//, '').split('?')[0];
          const body = entries.find((e) => e.entry.file === name)?.source;
          if (errors.length > 0) server.config.logger.error(errors.join('\n'));
          if (body === undefined) return next();
          res.setHeader('content-type', 'application/json; charset=utf-8');
          res.end(body);
        }, next);
      });
    },
  };
}
