import { expect, type APIRequestContext } from '@playwright/test';
import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Questionnaire } from '../../../src/engine/index.ts';
import { TestServer } from './server.ts';

/**
 * The survey owner's side of field collection as the e2e tests call it: the
 * admin API on the test server (collector links, stored responses, the
 * analysis CSV, imports of export files) and `npm run import` against the
 * server's own database.
 */
export class Owner {
  constructor(
    private readonly request: APIRequestContext,
    private readonly origin: string,
  ) {}

  private get auth() {
    return { authorization: `Bearer ${TestServer.ADMIN_TOKEN}` };
  }

  /** `POST /api/admin/collectors`: the token of the new collector link. */
  async createCollector(label: string, questionnaireIds: readonly string[]): Promise<string> {
    const created = await this.request.post(`${this.origin}/api/admin/collectors`, {
      headers: this.auth,
      data: { label, questionnaireIds },
    });
    expect(created.status()).toBe(201);
    return ((await created.json()) as { link: string }).link.split('/c/')[1] ?? '';
  }

  /** `GET /api/admin/collectors`: the one collector with this label. */
  async collector(label: string): Promise<Record<string, unknown> | undefined> {
    const list = await this.request.get(`${this.origin}/api/admin/collectors`, {
      headers: this.auth,
    });
    expect(list.status()).toBe(200);
    const { collectors } = (await list.json()) as { collectors: Record<string, unknown>[] };
    return collectors.find((c) => c.label === label);
  }

  /** `GET /api/admin/responses/<id>`: the response as stored, or the refusal. */
  async response(id: string): Promise<{ status: number; body: Record<string, unknown> }> {
    const reply = await this.request.get(`${this.origin}/api/admin/responses/${id}`, {
      headers: this.auth,
    });
    return { status: reply.status(), body: (await reply.json()) as Record<string, unknown> };
  }

  /** The analysis CSV (EX1): per row the response id, status and provenance codes. */
  async rows(spec: Questionnaire): Promise<{ id: string; status: string; provenance: string }[]> {
    const reply = await this.request.get(
      `${this.origin}/api/admin/questionnaires/${spec.id}/export.csv?flavour=analyse`,
      { headers: this.auth },
    );
    expect(reply.status()).toBe(200);
    const [header = '', ...lines] = (await reply.text()).split(/\r?\n/);
    // Codes only in the first four columns, so a plain split reads them.
    expect(header.startsWith('svar_id,status,skjemaversjon,opphav,')).toBe(true);
    return lines
      .filter((line) => /^[0-9a-f-]{36},/.test(line))
      .map((line) => {
        const [id = '', status = '', , provenance = ''] = line.split(',');
        return { id, status, provenance };
      });
  }

  /** `POST /api/admin/imports` with the file's text as the body. */
  async importFile(text: string): Promise<{ status: number; body: Record<string, unknown> }> {
    const reply = await this.request.post(`${this.origin}/api/admin/imports`, {
      headers: { ...this.auth, 'content-type': 'application/json' },
      // Bytes, as curl's --data-binary sends them: Playwright would quote a string that is not valid JSON.
      data: Buffer.from(text, 'utf8'),
    });
    return { status: reply.status(), body: (await reply.json()) as Record<string, unknown> };
  }
}

/**
 * The SQLite file of the server Playwright started (`playwright.config.ts`
 * names it after the runner's process id, the parent of this worker).
 */
export const e2eDatabase = (): string => join(tmpdir(), `barometer-e2e-${process.ppid}.sqlite`);

/** `npm run import -- --file <path>` against a SQLite database: exit code and output. */
export function runImport(
  file: string,
  database: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, SQLITE_FILE: database, DATABASE_URL: '' };
  return new Promise((resolve) => {
    execFile(
      'npm',
      ['run', '--silent', 'import', '--', '--file', file],
      { env },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
