import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/**
 * Writes a `.br` and a `.gz` beside every text file of the built app, so the
 * server sends them compressed without compressing on each request
 * (`@fastify/static` with `preCompressed`, src/server/app.ts). Once per build,
 * at the strongest settings: a phone on a slow line gets about a quarter of
 * the bytes. Files under 1 KiB and files compression would not shrink are left
 * as they are.
 */
const TEXT = new Set(['.js', '.mjs', '.css', '.html', '.json', '.svg', '.webmanifest', '.txt']);
const SMALLEST = 1024;

function* files(folder) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (TEXT.has(extname(entry.name))) yield path;
  }
}

export function precompress(folder) {
  let raw = 0;
  let brotli = 0;
  for (const path of files(folder)) {
    const size = statSync(path).size;
    if (size < SMALLEST) continue;
    const content = readFileSync(path);
    const br = brotliCompressSync(content, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: size,
      },
    });
    const gz = gzipSync(content, { level: 9 });
    if (br.length < size) writeFileSync(`${path}.br`, br);
    if (gz.length < size) writeFileSync(`${path}.gz`, gz);
    raw += size;
    brotli += Math.min(br.length, size);
  }
  return { raw, brotli };
}
