import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { REPO_ROOT } from '../bare/questionnaire.ts';

/**
 * Which source module a position in a built chunk came from, read from the
 * chunk's source map (`<chunk>.map`, next to it in the served folder), for
 * the tap profile. Only the source index of each mapping is decoded (Base64
 * VLQ, Source Map v3): a dozen lines here instead of a dependency the
 * project does not declare.
 */

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function decodeVlq(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    values.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return values;
}

interface Segment {
  readonly column: number;
  /** Index into `sources`, or -1 for a mapping without a source. */
  readonly source: number;
}

/** Per generated line, its segments in column order. */
function decodeMappings(mappings: string): Segment[][] {
  let source = 0; // each field is relative to its previous value, across lines
  return mappings.split(';').map((line) => {
    let column = 0;
    return line
      .split(',')
      .filter((s) => s !== '')
      .map((text) => {
        const fields = decodeVlq(text);
        column += fields[0] ?? 0;
        if (fields.length < 4) return { column, source: -1 };
        source += fields[1] ?? 0;
        return { column, source };
      });
  });
}

/** `node_modules/react-dom/cjs/x.js` → `react-dom/cjs/x.js`; repository files relative to its root. */
function moduleName(mapFile: string, source: string): string {
  const packaged = /node_modules\/(.*)$/.exec(source);
  if (packaged?.[1]) return packaged[1];
  if (source.startsWith('\0') || !source.includes('/')) return source.replace('\0', '');
  return relative(REPO_ROOT, resolve(dirname(mapFile), source));
}

interface Chunk {
  readonly lines: Segment[][];
  readonly modules: readonly string[];
}

/**
 * Returns `(url, line, column) → module` for scripts served from the given
 * origins (origin → folder). Undefined when the script is not one of ours or
 * has no map.
 */
export function sourceModules(roots: ReadonlyMap<string, string>) {
  const chunks = new Map<string, Chunk | null>();
  const chunkOf = (url: string): Chunk | null => {
    const known = chunks.get(url);
    if (known !== undefined) return known;
    let chunk: Chunk | null = null;
    const parsed = URL.canParse(url) ? new URL(url) : null;
    const root = parsed ? roots.get(parsed.origin) : undefined;
    if (parsed && root) {
      const mapFile = `${join(root, decodeURIComponent(parsed.pathname))}.map`;
      try {
        const map = JSON.parse(readFileSync(mapFile, 'utf8')) as {
          sources: string[];
          mappings: string;
        };
        chunk = {
          lines: decodeMappings(map.mappings),
          modules: map.sources.map((s) => moduleName(mapFile, s)),
        };
      } catch {
        chunk = null; // no map: the caller names the file instead
      }
    }
    chunks.set(url, chunk);
    return chunk;
  };
  return (url: string, line: number, column: number): string | undefined => {
    const chunk = chunkOf(url);
    if (!chunk) return undefined;
    // The last mapping at or before the position, on its line or an earlier one.
    for (let at = line; at >= 0; at--) {
      const segments = chunk.lines[at] ?? [];
      for (let i = segments.length - 1; i >= 0; i--) {
        const segment = segments[i]!;
        if ((at < line || segment.column <= column) && segment.source >= 0) {
          return chunk.modules[segment.source];
        }
      }
    }
    return undefined;
  };
}
