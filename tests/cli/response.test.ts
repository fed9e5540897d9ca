import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openServerDatabase } from '../../src/server/db/database.ts';
import { createServerStore } from '../../src/server/db/serverStore.ts';

describe('npm run response', () => {
  it('shows one response for an access request and erases it for an erasure request', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'barometer-resp-')), 'r.sqlite');
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/response.ts', ...args], {
        encoding: 'utf8',
        env: { ...process.env, SQLITE_FILE: file },
      });
    const id = '66666666-6666-4666-8666-666666666666';
    const store = createServerStore(await openServerDatabase({ kind: 'sqlite', file }));
    await store.saveResponse(
      {
        id,
        questionnaireId: 'q',
        questionnaireVersion: 1,
        status: 'submitted',
        version: 1,
        answers: { a: 'ja' },
        answeredAt: {},
        contentHash: 'h',
        credentialId: 'c',
        summary: { indicators: {}, items: {}, groups: {} },
        provenance: 'invited',
      },
      1,
    );
    await store.close();

    const shown = run('show', id);
    expect(shown.status).toBe(0);
    expect(JSON.parse(shown.stdout)).toMatchObject({ id, answers: { a: 'ja' } });
    expect(run('erase', id).stdout).toContain(`erased response ${id}`);
    expect(run('show', id).status).toBe(1);
    expect(run('nonsense').status).toBe(2);

    const after = createServerStore(await openServerDatabase({ kind: 'sqlite', file }));
    expect(await after.erasedIds()).toEqual([id]);
    await after.close();
  }, 60_000);
});
