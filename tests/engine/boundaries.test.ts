import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ENGINE = 'src/engine';
const IMPORT = /^\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/gm;

describe('the engine is pure', () => {
  const files = readdirSync(ENGINE).filter((f) => f.endsWith('.ts'));

  it('imports only yup and its own modules', () => {
    const foreign = files.flatMap((file) =>
      [...readFileSync(join(ENGINE, file), 'utf8').matchAll(IMPORT)]
        .map((m) => m[1] ?? '')
        .filter((source) => source !== 'yup' && !/^\.\/[\w.]+\.ts$/.test(source))
        .map((source) => `${file}: ${source}`),
    );
    expect(foreign).toEqual([]);
  });

  it('SK1: contains no eval or Function constructor', () => {
    const offending = files.filter((file) =>
      /\beval\s*\(|new\s+Function\s*\(/.test(readFileSync(join(ENGINE, file), 'utf8')),
    );
    expect(offending).toEqual([]);
  });
});
