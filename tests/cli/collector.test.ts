import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sealExportFile } from '../../src/contract/index.ts';
import { computeVisibility } from '../../src/engine/index.ts';
import { openServerDatabase } from '../../src/server/db/database.ts';
import { createServerStore } from '../../src/server/db/serverStore.ts';
import { loadRegistry } from '../../src/server/questionnaireRegistry.ts';
import { hashToken, sha256Hex } from '../../src/server/tokens.ts';
import { answersFor } from '../e2e/support/specs.ts';

/** `npm run collector` and `npm run import` on a SQLite file, as the owner runs them. */
const Q = 'stat-2021-operativ';

function tools() {
  const folder = mkdtempSync(join(tmpdir(), 'barometer-collector-'));
  const file = join(folder, 'c.sqlite');
  const run = (script: string, ...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', `src/cli/${script}.ts`, ...args], {
      encoding: 'utf8',
      env: { ...process.env, SQLITE_FILE: file, PUBLIC_URL: 'https://barometer.example/' },
    });
  const store = async () => createServerStore(await openServerDatabase({ kind: 'sqlite', file }));
  return { folder, run, store };
}

describe('npm run collector', () => {
  it('prints the link once, lists collectors without tokens, revokes one, and refuses bad arguments', async () => {
    const { run, store } = tools();
    const made = run('collector', '--label', 'Team Nord', '--questionnaire', Q, '--days', '3');
    expect(made.status).toBe(0);
    const link = made.stdout.trim();
    expect(link).toMatch(/^https:\/\/barometer\.example\/c\/[A-Za-z0-9_-]{43}$/);
    const token = link.split('/c/')[1] ?? '';
    const id = /collector ([0-9a-f-]{36})/.exec(made.stderr)?.[1] ?? '';
    const opened = await store();
    expect(await opened.findCollector(hashToken(token))).toMatchObject({
      id,
      label: 'Team Nord',
      questionnaireIds: [Q],
    });
    await opened.close();

    const listed = run('collector', '--list');
    expect(listed.status).toBe(0);
    expect(listed.stdout).toContain(`${id};Team Nord;${Q};`);
    expect(listed.stdout).toContain(';0;0');
    expect(listed.stdout).not.toContain(token);

    expect(run('collector', '--revoke', id).stdout).toContain(`revoked collector ${id}`);
    const revoked = await store();
    expect((await revoked.getCollector(id))?.revokedAt).not.toBeNull();
    await revoked.close();
    expect(run('collector', '--revoke', randomUUID()).status).toBe(1);

    expect(run('collector', '--label', 'X', '--questionnaire', 'nope').status).toBe(1);
    expect(
      run('collector', '--label', 'X', '--questionnaire', Q, '--days', 'many').stderr,
    ).toContain('/expiresInDays');
    expect(run('collector').status).toBe(2);
    expect(run('collector', '--list', '--revoke', id).status).toBe(2);
  }, 60_000);
});

describe('npm run import', () => {
  it('imports a file once (a second run finds everything there), and refuses an altered one writing nothing', async () => {
    const { folder, run, store } = tools();
    const made = run('collector', '--label', 'Team Nord', '--questionnaire', Q);
    const collectorId = /collector ([0-9a-f-]{36})/.exec(made.stderr)?.[1] ?? '';
    const spec = (await loadRegistry()).latest(Q);
    if (!spec) throw new Error(`${Q} is missing`);
    const responseId = randomUUID();
    const sealed = await sealExportFile(
      {
        format: 'barometer.collector-export',
        formatVersion: 1,
        exportedAt: '2025-03-01T14:05:00+01:00',
        collector: { id: collectorId, label: 'Team Nord' },
        responses: [
          {
            id: responseId,
            questionnaireId: Q,
            questionnaireVersion: 1,
            status: 'submitted',
            version: 4,
            answers: computeVisibility(spec, answersFor(spec)).answers,
            respondentLabel: 'Kari',
          },
        ],
      },
      sha256Hex,
    );
    const file = join(folder, 'export.json');
    writeFileSync(file, JSON.stringify(sealed, null, 2));

    const first = run('import', '--file', file);
    expect(first.status, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({
      collectorId,
      results: [{ id: responseId, outcome: 'created', version: 4 }],
    });
    const again = run('import', '--file', file);
    expect(again.status).toBe(0);
    expect(again.stderr).toContain('0 created, 0 updated, 1 already there');

    const altered = join(folder, 'altered.json');
    writeFileSync(altered, readFileSync(file, 'utf8').replace('"version": 4', '"version": 5'));
    const refused = run('import', '--file', altered);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('refused (checksum_mismatch)');
    const opened = await store();
    expect(await opened.getResponse(responseId)).toMatchObject({ version: 4 });
    expect(await opened.responses(Q)).toHaveLength(1);
    await opened.close();

    expect(run('import').status).toBe(2);
    expect(run('import', '--file', join(folder, 'missing.json')).status).toBe(1);
  }, 60_000);
});
