import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openServerDatabase } from '../../src/server/db/database.ts';
import { createServerStore } from '../../src/server/db/serverStore.ts';
import type { PublicationDocument } from '../../src/engine/index.ts';

describe('npm run seed:demo', () => {
  it('adds valid simulated responses marked as such and publishes them as test figures; --remove takes both away', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'barometer-demo-')), 'demo.sqlite');
    const env = { ...process.env, SQLITE_FILE: file };
    const seeded = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/seedDemo.ts', '--count', '20'],
      { encoding: 'utf8', env },
    );
    expect(seeded.status).toBe(0);
    expect(seeded.stdout).toMatch(/stat-2021-operativ: \d+ simulated responses/);

    const store = createServerStore(await openServerDatabase({ kind: 'sqlite', file }));
    const sources = await store.publicationSources('stat-2021-operativ');
    expect(sources.length).toBeGreaterThanOrEqual(15);
    expect(sources.every((s) => s.provenance === 'simulated')).toBe(true);
    const published = await store.latestPublication('stat-2021-operativ');
    const document = JSON.parse(published?.document ?? '{}') as PublicationDocument;
    expect(document).toMatchObject({ number: 1, isSimulated: true, respondents: sources.length });
    expect(typeof document.indicators.kultur?.national.mean).toBe('number');
    await store.close();

    const removed = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/seedDemo.ts', '--remove'],
      { encoding: 'utf8', env },
    );
    expect(removed.status).toBe(0);
    const after = createServerStore(await openServerDatabase({ kind: 'sqlite', file }));
    expect(await after.publicationSources('stat-2021-operativ')).toEqual([]);
    expect(await after.latestPublication('stat-2021-operativ')).toBeUndefined();
    await after.close();
  }, 60_000);
});
