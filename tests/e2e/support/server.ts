import type { Browser, Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A second instance of our real server for tests that must take it away
 * (offline after the first visit). Serves the same build as the main one.
 */
export class TestServer {
  /** The survey owner's key on every test server (`Authorization: Bearer …` on /api/admin/*). */
  static readonly ADMIN_TOKEN = 'e2e-admin-token-0123456789abcdef';
  private child: ChildProcess | undefined;

  constructor(
    readonly port: number,
    /** The SQLite file; keep it to restart the same server. */
    readonly databaseFile = join(mkdtempSync(join(tmpdir(), 'barometer-e2e-')), 'server.sqlite'),
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/start.ts'], {
      env: {
        ...process.env,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        SQLITE_FILE: this.databaseFile,
        ADMIN_TOKEN: TestServer.ADMIN_TOKEN,
        // Publications only when a test asks for one (the owner's action), never on a timer.
        PUBLISH_AT: 'off',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(
        () => reject(new Error(`server did not start:\n${output}`)),
        120_000,
      );
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('is running at')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) => reject(new Error(`server exited (${code}):\n${output}`)));
    });
  }

  /** Calls the survey owner's API as the owner: JSON in, status and JSON out. */
  async admin(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; json: unknown }> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${TestServer.ADMIN_TOKEN}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, json: text ? (JSON.parse(text) as unknown) : undefined };
  }

  /** Publishes the figures of a questionnaire now (the owner's «Publiser nå»). */
  async publish(questionnaireId: string) {
    return this.admin(
      'POST',
      `/api/admin/questionnaires/${encodeURIComponent(questionnaireId)}/publications`,
    );
  }

  /** Submits a complete response as its respondent would (their invitation's token); the status. */
  async submitResponse(
    responseId: string,
    token: string,
    spec: { readonly id: string; readonly version: number },
    answers: Readonly<Record<string, unknown>>,
  ): Promise<number> {
    const saved = await fetch(`${this.url}/api/responses/${responseId}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        questionnaireId: spec.id,
        questionnaireVersion: spec.version,
        status: 'submitted',
        version: 1,
        answers,
        answeredAt: {},
      }),
    });
    return saved.status;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }
}

/**
 * Runs `body` with a server of its own on `port` and a fresh browser context
 * that has visited it once (so the service worker is installed), then closes
 * both whatever happens.
 */
export async function withOwnServer(
  browser: Browser,
  port: number,
  body: (server: TestServer, page: Page) => Promise<void>,
): Promise<void> {
  const server = new TestServer(port);
  await server.start();
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(`${server.url}/`);
    await page.evaluate(async () => navigator.serviceWorker.ready);
    await body(server, page);
  } finally {
    await context.close();
    await server.stop();
  }
}
