import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * What ESLint's `no-restricted-imports` cannot see: it reads static imports
 * only, so a dynamic `import('dexie')` would slip past it.
 */

const IMPORT = /^\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/gm;
const DYNAMIC_IMPORT = /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const importsOf = (file: string, pattern: RegExp) =>
  [...readFileSync(file, 'utf8').matchAll(pattern)].map((m) => m[1] ?? '');

describe('the contract is shared by app and server', () => {
  it('imports only yup, the engine entry and its own modules, statically or not', () => {
    const foreign = sourceFiles('src/contract').flatMap((file) =>
      [...importsOf(file, IMPORT), ...importsOf(file, DYNAMIC_IMPORT)]
        .filter(
          (source) =>
            source !== 'yup' && source !== '../engine/index.ts' && !/^\.\/[\w.]+\.ts$/.test(source),
        )
        .map((source) => `${file}: ${source}`),
    );
    expect(foreign).toEqual([]);
  });
});

describe('Dexie stays in src/storage/', () => {
  it('no module outside src/storage/ loads dexie, not even lazily', () => {
    const outside = sourceFiles('src')
      .filter((file) => !file.startsWith(join('src', 'storage') + sep))
      .flatMap((file) =>
        [...importsOf(file, IMPORT), ...importsOf(file, DYNAMIC_IMPORT)]
          .filter((source) => source === 'dexie' || source.startsWith('dexie-'))
          .map((source) => `${file}: ${source}`),
      );
    expect(outside).toEqual([]);
  });
});
