import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { computeVisibility, type PublicationDocument } from '../../src/engine/index.ts';
import { loadRegistry } from '../../src/server/questionnaireRegistry.ts';
import { answersFor } from '../e2e/support/specs.ts';
import { freshDatabase, POSTGRES_URL } from './databases.ts';

/**
 * PB9 with real processes: two servers over one PostgreSQL, sharing nothing
 * but the database. Once a publication is acknowledged by one, the other
 * serves it on its very next read, byte for byte.
 */
const ADMIN = 'admin-token-for-two-processes-0123';
const Q = 'stat-2021-operativ';
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) child.kill('SIGTERM');
});

function startServer(): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/server/support/apiServer.ts'], {
    env: { ...process.env, DATABASE_URL: POSTGRES_URL, ADMIN_TOKEN: ADMIN },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /ready (\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${output}`)));
  });
}

const asAdmin = { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' };

async function respondent(inviteVia: string, saveVia: string, answers: object) {
  const made = await fetch(`${inviteVia}/api/admin/invitations`, {
    method: 'POST',
    headers: asAdmin,
    body: JSON.stringify({ questionnaireId: Q, count: 1 }),
  });
  const { invitations } = (await made.json()) as {
    invitations: { responseId: string; link: string }[];
  };
  const invitation = invitations[0];
  if (!invitation) throw new Error('no invitation');
  const saved = await fetch(`${saveVia}/api/responses/${invitation.responseId}`, {
    method: 'PUT',
    headers: {
      authorization: `Bearer ${invitation.link.split('/i/')[1] ?? ''}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({
      questionnaireId: Q,
      questionnaireVersion: 1,
      status: 'submitted',
      version: 1,
      answers,
      answeredAt: {},
    }),
  });
  expect(saved.status).toBe(200);
}

const saveAgain = (
  url: string,
  responseId: string,
  token: string,
  answers: object,
  version: number,
) =>
  fetch(`${url}/api/responses/${responseId}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      questionnaireId: Q,
      questionnaireVersion: 1,
      status: 'draft',
      version,
      answers,
      answeredAt: {},
    }),
  });

const read = async (url: string) => (await fetch(`${url}/api/benchmarks/${Q}`)).text();
const publish = (url: string) =>
  fetch(`${url}/api/admin/questionnaires/${Q}/publications`, {
    method: 'POST',
    headers: { authorization: asAdmin.authorization },
  });

describe('two server processes over one PostgreSQL', () => {
  it('PB9: once one process has published, the other serves the same publication on its next read', async () => {
    await (await freshDatabase({ kind: 'postgres', url: POSTGRES_URL })).destroy();
    const a = await startServer();
    const b = await startServer();
    const spec = (await loadRegistry()).latest(Q);
    if (!spec) throw new Error(`${Q} is missing`);
    // What a device sends: the visible answers only (SPEC SK4).
    const answers = computeVisibility(spec, answersFor(spec)).answers;

    for (let i = 0; i < 5; i++) await respondent(a, b, answers);
    expect((await publish(a)).status).toBe(201);
    const first = await read(b);
    expect(JSON.parse(first)).toMatchObject({ number: 1, respondents: 5 });
    expect(await read(a)).toBe(first);

    for (let i = 0; i < 5; i++) await respondent(b, a, answers);
    expect((await publish(b)).status).toBe(201);
    const [fromA, fromB] = await Promise.all([read(a), read(b)]);
    expect(fromA).toBe(fromB);
    expect((JSON.parse(fromA) as PublicationDocument).number).toBe(2);
  }, 120_000);

  it('SY7: saves go through either process, and a revocation on one reaches the other within a second', async () => {
    await (await freshDatabase({ kind: 'postgres', url: POSTGRES_URL })).destroy();
    const a = await startServer();
    const b = await startServer();
    const made = await fetch(`${a}/api/admin/invitations`, {
      method: 'POST',
      headers: asAdmin,
      body: JSON.stringify({ questionnaireId: Q, count: 1 }),
    });
    const [invitation] = (
      (await made.json()) as { invitations: { id: string; responseId: string; link: string }[] }
    ).invitations;
    if (!invitation) throw new Error('no invitation');
    const token = invitation.link.split('/i/')[1] ?? '';
    expect((await saveAgain(a, invitation.responseId, token, {}, 1)).status).toBe(200);
    expect((await saveAgain(b, invitation.responseId, token, {}, 2)).status).toBe(200);
    const revoked = await fetch(`${a}/api/admin/invitations/${invitation.id}`, {
      method: 'DELETE',
      headers: { authorization: asAdmin.authorization },
    });
    expect(revoked.status).toBe(204);
    expect((await saveAgain(a, invitation.responseId, token, {}, 3)).status).toBe(404);
    // The other process may remember the credential for at most a second.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await saveAgain(b, invitation.responseId, token, {}, 4)).status).toBe(404);
  }, 120_000);
});
