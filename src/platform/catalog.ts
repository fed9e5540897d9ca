import {
  readVerifiedQuestionnaire,
  type LocalizedText,
  type MinutesRange,
  type Questionnaire,
} from '../engine/index.ts';
import built from 'virtual:questionnaire-catalog';

/** What the start page lists; built from the specs at build time. */
export interface CatalogEntry {
  readonly id: string;
  readonly version: number;
  readonly file: string;
  readonly title: LocalizedText;
  readonly description?: LocalizedText;
  readonly completeness: 'full' | 'partial';
  /** How long answering takes, estimated from the spec (`estimateMinutes`, SPEC.md ES1). */
  readonly minutes: MinutesRange;
  /** Whether its answers give an index profile (it has indicators); the KS reconstruction has none. */
  readonly hasProfile: boolean;
  /** Of the file `parseQuestionnaire` accepted at build time. */
  readonly sha256: string;
}

const BASE = '/questionnaires/';

/** Checked by `parseQuestionnaire` when the app was built (`src/build/questionnairesPlugin.ts`). */
const CATALOG = built as readonly CatalogEntry[];

/**
 * The questionnaires of this build. Built into the app rather than fetched,
 * so the first screen asks for its questionnaire file at once, while the
 * rest of the app is still being evaluated; it changes with the app, as the
 * precached questionnaire files do.
 */
export function catalogEntries(): CatalogEntry[] {
  return [...CATALOG];
}

/**
 * The newest version of each questionnaire: what a new response starts on.
 * Complete questionnaires come first; a partial reconstruction last.
 */
export function latestVersions(catalog: readonly CatalogEntry[]): CatalogEntry[] {
  const latest = new Map<string, CatalogEntry>();
  for (const entry of catalog) {
    const current = latest.get(entry.id);
    if (!current || entry.version > current.version) latest.set(entry.id, entry);
  }
  const rank = (entry: CatalogEntry) => (entry.completeness === 'partial' ? 1 : 0);
  return [...latest.values()].sort((a, b) => rank(a) - rank(b));
}

const specs = new Map<string, Promise<Questionnaire>>();
const loaded = new Map<string, Questionnaire>();

/** A questionnaire version this page has already loaded, without waiting a turn. */
export function loadedQuestionnaire(id: string, version: number): Questionnaire | undefined {
  return loaded.get(`${id}.v${version}.json`);
}

/**
 * A questionnaire version, fetched (precached by the service worker). The
 * build ran `parseQuestionnaire` on every file and recorded its SHA-256; the
 * app checks the bytes against it instead of shipping the structural schema
 * (Yup, 11 KiB gzip) on the answering route.
 */
export function loadQuestionnaire(id: string, version: number): Promise<Questionnaire> {
  const file = `${id}.v${version}.json`;
  let pending = specs.get(file);
  if (!pending) {
    pending = fetch(`${BASE}${file}`)
      .then(async (response) => {
        if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
        const bytes = await response.arrayBuffer();
        const expected = CATALOG.find((e) => e.file === file)?.sha256;
        if (!expected || (await sha256(bytes)) !== expected) {
          throw new Error(`${file}: not the file the build checked`);
        }
        const spec = readVerifiedQuestionnaire(JSON.parse(new TextDecoder().decode(bytes)));
        loaded.set(file, spec);
        return spec;
      })
      .catch((error: unknown) => {
        specs.delete(file);
        throw error;
      });
    specs.set(file, pending);
  }
  return pending;
}

async function sha256(bytes: ArrayBuffer): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
