import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The rooms of `src/` and what each may import (ARCHITECTURE.md, "Rooms").
 * Data flows one way: no folder imports one that imports it back, and what
 * two rooms both need lives in a room below them.
 */
const MAY_IMPORT: Readonly<Record<string, readonly string[]>> = {
  engine: [],
  contract: ['engine'],
  storage: ['engine'],
  i18n: ['engine'],
  shims: [],
  styles: [],
  components: ['i18n'],
  platform: ['engine', 'storage'],
  sync: ['engine', 'contract', 'storage', 'platform'],
  session: ['engine', 'storage', 'sync', 'platform'],
  pwa: ['components', 'i18n'],
  features: ['engine', 'contract', 'storage', 'sync', 'session', 'platform', 'i18n', 'components'],
  app: ['engine', 'sync', 'session', 'platform', 'features', 'pwa', 'i18n', 'components'],
  server: ['engine', 'contract'],
  cli: ['engine', 'server'],
  build: ['engine', 'server', 'platform'],
};

const SRC = 'src';
const IMPORT =
  /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

const roomOf = (path: string) => relative(SRC, path).split(sep)[0] ?? '';

/** room → the rooms it imports, with one file that does, for the message. */
function importGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of sourceFiles(SRC)) {
    const room = roomOf(file);
    if (!statSync(join(SRC, room)).isDirectory()) continue;
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const source = match[1] ?? match[2] ?? '';
      if (!source.startsWith('.')) continue;
      const target = roomOf(normalize(join(dirname(file), source)));
      if (target === room || target.startsWith('..')) continue;
      const edges = graph.get(room) ?? new Map<string, string>();
      edges.set(target, file);
      graph.set(room, edges);
    }
  }
  return graph;
}

describe('the rooms of src/', () => {
  const graph = importGraph();
  const rooms = readdirSync(SRC).filter((name) => statSync(join(SRC, name)).isDirectory());

  it('every folder is a known room', () => {
    expect(rooms.filter((room) => !(room in MAY_IMPORT))).toEqual([]);
  });

  it('each room imports only the rooms below it', () => {
    const wrong = [...graph].flatMap(([room, edges]) =>
      [...edges]
        .filter(([target]) => !(MAY_IMPORT[room] ?? []).includes(target))
        .map(([target, file]) => `${file} imports ${target}/`),
    );
    expect(wrong).toEqual([]);
  });

  it('no folder imports one that imports it back, directly or round a longer loop', () => {
    const cycles: string[] = [];
    const visit = (room: string, path: readonly string[]) => {
      for (const target of graph.get(room)?.keys() ?? []) {
        if (path.includes(target)) cycles.push([...path, target].join(' → '));
        else visit(target, [...path, target]);
      }
    };
    for (const room of graph.keys()) visit(room, [room]);
    expect(cycles).toEqual([]);
  });

  it('ARCHITECTURE.md’s room table names every folder, and only folders that exist', () => {
    const architecture = readFileSync('ARCHITECTURE.md', 'utf8');
    const table = architecture.slice(
      architecture.indexOf('## Rooms'),
      architecture.indexOf('## ', architecture.indexOf('## Rooms') + 3),
    );
    const named = new Set([...table.matchAll(/`src\/([\w-]+)\/`/g)].map((m) => m[1] ?? ''));
    expect(rooms.filter((room) => !named.has(room))).toEqual([]);
    expect([...named].filter((room) => !rooms.includes(room))).toEqual([]);
  });
});
