import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summarizeRespondent } from '../../src/engine/index.ts';
import { openServerDatabase } from '../../src/server/db/database.ts';
import { createServerStore } from '../../src/server/db/serverStore.ts';
import { loadRegistry } from '../../src/server/questionnaireRegistry.ts';
import { answersFor } from '../e2e/support/specs.ts';

const Q = 'stat-2021-operativ';

describe('npm run publication', () => {
  it('previews, publishes, refuses a second publication without k changes, and admits open links', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'barometer-pub-')), 'pub.sqlite');
    const env = { ...process.env, SQLITE_FILE: file };
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/publication.ts', ...args], {
        encoding: 'utf8',
        env,
      });

    const spec = (await loadRegistry()).latest(Q);
    if (!spec) throw new Error(`${Q} is missing`);
    const store = createServerStore(await openServerDatabase({ kind: 'sqlite', file }));
    for (let i = 0; i < 5; i++) {
      const answers = answersFor(spec);
      await store.saveResponse(
        {
          id: randomUUID(),
          questionnaireId: Q,
          questionnaireVersion: spec.version,
          status: 'submitted',
          version: 1,
          answers,
          answeredAt: {},
          contentHash: `h${i}`,
          credentialId: `c${i}`,
          summary: summarizeRespondent(spec, answers),
          provenance: 'invited',
        },
        Date.now(),
      );
    }
    await store.close();

    const preview = run('--questionnaire', Q, '--preview');
    expect(preview.status).toBe(0);
    expect(JSON.parse(preview.stdout)).toMatchObject({
      plan: { isPublishable: true },
      responses: { invited: 5, counted: 5 },
    });
    const first = run('--questionnaire', Q);
    expect(first.status).toBe(0);
    expect(first.stdout).toContain(`${Q}: publication 1 with 5 respondents`);
    const again = run('--questionnaire', Q, '--admit-open', 'yes');
    expect(again.status).toBe(3);
    expect(again.stdout).toContain('nothing published (nothing_new; 0 changed, k = 5)');
    const settings = JSON.parse(run('--questionnaire', Q, '--preview').stdout) as {
      settings: { admitOpenLink: boolean };
    };
    expect(settings.settings.admitOpenLink).toBe(true);
    expect(run('--questionnaire', 'nope').status).toBe(1);
    expect(run('--questionnaire', Q, '--admit-open', 'maybe').status).toBe(2);
  }, 60_000);
});
