import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openServerDatabase } from '../../src/server/db/database.ts';
import { createServerStore } from '../../src/server/db/serverStore.ts';

describe('npm run seed:demo', () => {
  it('adds valid simulated responses marked as demo data, and --remove takes them away', async () => {
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
    const summaries = await store.summaries('stat-2021-operativ');
    expect(summaries.length).toBeGreaterThanOrEqual(15);
    expect(summaries.every((s) => s.isDemo)).toBe(true);
    expect(summaries.some((s) => typeof s.summary.indicators.kultur === 'number')).toBe(true);
    await store.close();

    const removed = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/seedDemo.ts', '--remove'],
      { encoding: 'utf8', env },
    );
    expect(removed.status).toBe(0);
    const after = createServerStore(await openServerDatabase({ kind: 'sqlite', file }));
    expect(await after.summaries('stat-2021-operativ')).toEqual([]);
    await after.close();
  });
});
