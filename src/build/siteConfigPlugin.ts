import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { withoutComments } from './withoutComments.ts';
import { parseSiteConfig, type ParsedSite } from './siteConfig.ts';

/**
 * Builds `config/site.json` into the app after checking it (`parseSiteConfig`):
 * `virtual:site-config` (owners, contacts, who answers which questionnaire;
 * in the first chunk, the start page and footer need it) and
 * `virtual:site-privacy` (the privacy statement, only in the privacy screen's
 * lazy chunk, which the service worker precaches). A broken file, or a
 * questionnaire the file says nothing about, fails the build.
 */
export const SITE_CONFIG_FILE = 'config/site.json';
const QUESTIONNAIRE_DIR = 'questionnaires';

const MODULES = { 'virtual:site-config': 'site', 'virtual:site-privacy': 'privacy' } as const;
type ModuleId = keyof typeof MODULES;

/** The ids of the questionnaire files; their contents are checked by the questionnaires plugin. */
async function questionnaireIds(): Promise<string[]> {
  const files = (await readdir(QUESTIONNAIRE_DIR)).filter((f) => f.endsWith('.json'));
  const ids = await Promise.all(
    files.map(async (file) => {
      const spec = JSON.parse(await readFile(join(QUESTIONNAIRE_DIR, file), 'utf8')) as unknown;
      const id = (spec as { id?: unknown } | null)?.id;
      return typeof id === 'string' ? id : null;
    }),
  );
  return [...new Set(ids.filter((id): id is string => id !== null))];
}

export async function loadSiteConfig(
  file = SITE_CONFIG_FILE,
): Promise<{ ok: true; value: ParsedSite } | { ok: false; errors: readonly string[] }> {
  let input: unknown;
  try {
    input = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    return { ok: false, errors: [`${file}: ${(error as Error).message}`] };
  }
  const parsed = parseSiteConfig(input, await questionnaireIds());
  return parsed.ok ? parsed : { ok: false, errors: parsed.errors.map((e) => `${file} ${e}`) };
}

export function siteConfigPlugin(): Plugin {
  return {
    name: 'barometer-site-config',
    resolveId(id) {
      return Object.hasOwn(MODULES, id) ? `\0${id}` : undefined;
    },
    async load(id) {
      if (!id.startsWith('\0')) return undefined;
      const name = id.slice(1);
      if (!Object.hasOwn(MODULES, name)) return undefined;
      this.addWatchFile(SITE_CONFIG_FILE);
      const parsed = await loadSiteConfig();
      if (!parsed.ok) this.error(`invalid site configuration:\n${parsed.errors.join('\n')}`);
      const part = parsed.value[MODULES[name as ModuleId]];
      return `export default ${JSON.stringify(part, withoutComments)};`;
    },
  };
}
