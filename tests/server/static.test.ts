import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
// @ts-expect-error -- a plain-JS build script without types
import { precompress } from '../../bin/precompress.js';
import { buildServer } from '../../src/server/app.ts';
import { createServerStore } from '../../src/server/db/serverStore.ts';
import { registryOf } from '../../src/server/questionnaireRegistry.ts';
import { DATABASES, freshDatabase } from './databases.ts';

/**
 * The built app as a phone gets it: compressed copies made once at build time
 * (bin/precompress.js) and sent when the browser accepts them, the original
 * otherwise; hashed assets cached for a year, the shell never; app routes
 * answered with index.html.
 */
const script = `export const words = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `ord ${i}`))};\n`;
const shell = `<!doctype html><html lang="nb"><head><title>Barometer</title></head><body>${'<div></div>'.repeat(200)}</body></html>`;
let app: FastifyInstance;
// Static files do not touch the database: SQLite only.
const sqlite = () => {
  const first = DATABASES[0];
  if (!first) throw new Error('no SQLite configuration');
  return first.config();
};

beforeAll(async () => {
  const dist = mkdtempSync(join(tmpdir(), 'barometer-static-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), shell);
  writeFileSync(join(dist, 'assets', 'app-1a2b3c.js'), script);
  writeFileSync(join(dist, 'assets', 'tiny-1a2b3c.js'), 'export {};\n');
  mkdirSync(join(dist, 'questionnaires'));
  for (const file of ['stat-2021-operativ.v1.json', 'stat-2021-operativ.v2.json', 'ks.v1.json'])
    writeFileSync(join(dist, 'questionnaires', file), '{}');
  const sizes = (precompress as (folder: string) => { raw: number; brotli: number })(dist);
  expect(sizes.brotli).toBeLessThan(sizes.raw / 2);
  app = await buildServer({
    store: createServerStore(await freshDatabase(sqlite())),
    registry: registryOf([]),
    staticDir: dist,
  });
});

afterAll(() => app.close());

describe('the built app, compressed once at build time', () => {
  it('sends brotli to a browser that accepts it, gzip to one that accepts only gzip, the original otherwise', async () => {
    const url = '/assets/app-1a2b3c.js';
    const br = await app.inject({ url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(script);
    expect(br.rawPayload.length).toBeLessThan(script.length / 2);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers['content-type']).toMatch(/javascript/);

    const gz = await app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(script);

    const plain = await app.inject({ url, headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
  });

  it('a file too small to gain is sent as it is', async () => {
    const tiny = await app.inject({
      url: '/assets/tiny-1a2b3c.js',
      headers: { 'accept-encoding': 'br' },
    });
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.body).toBe('export {};\n');
  });

  it('an app route gets the shell, never cached', async () => {
    const page = await app.inject({
      url: '/svar/abc/side-1',
      headers: { 'accept-encoding': 'br' },
    });
    expect(page.statusCode).toBe(200);
    const body =
      page.headers['content-encoding'] === 'br'
        ? brotliDecompressSync(page.rawPayload).toString()
        : page.body;
    expect(body).toBe(shell);
    expect(page.headers['cache-control']).toBe('no-cache');
  });

  it('a new response’s address asks the browser to fetch the newest version of its questionnaire with the app', async () => {
    const page = await app.inject({ url: '/ny/stat-2021-operativ' });
    expect(page.statusCode).toBe(200);
    expect(page.headers.link).toBe(
      '</questionnaires/stat-2021-operativ.v2.json>; rel=preload; as=fetch; crossorigin',
    );
    expect((await app.inject({ url: '/ny/ks' })).headers.link).toBe(
      '</questionnaires/ks.v1.json>; rel=preload; as=fetch; crossorigin',
    );
    // Nothing for a questionnaire the build has not, nor for any other address.
    for (const url of ['/ny/ukjent', '/ny/..%2Fassets', '/', '/svar/abc/side-1', '/ny/ks/x'])
      expect((await app.inject({ url })).headers.link, url).toBeUndefined();
  });
});
