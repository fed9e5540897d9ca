import { chromium, type Browser } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './browser.ts';

/**
 * A Chromium process of our own with a persistent profile, so a test can
 * kill it without warning (SIGKILL, like a crash or a flat battery) and start
 * it again on the same profile.
 */
export class KillableBrowser {
  private process: ChildProcess | undefined;
  browser: Browser | undefined;

  constructor(private readonly profileDir: string) {}

  async start(): Promise<Browser> {
    const child = spawn(
      CHROMIUM_PATH,
      [
        ...CHROMIUM_ARGS,
        `--user-data-dir=${this.profileDir}`,
        '--remote-debugging-port=0',
        '--window-size=390,844',
        'about:blank',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'], detached: true },
    );
    this.process = child;
    const endpoint = await new Promise<string>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(
        () => reject(new Error(`Chromium did not start:\n${output}`)),
        30_000,
      );
      child.stderr.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /DevTools listening on (ws:\/\/\S+)/.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      child.once('exit', (code) => reject(new Error(`Chromium exited (${code}):\n${output}`)));
    });
    this.browser = await chromium.connectOverCDP(endpoint);
    return this.browser;
  }

  /** SIGKILL to the whole process group: no unload handlers, no clean shutdown. */
  kill(): Promise<void> {
    const child = this.process;
    const pid = child?.pid;
    if (!child || pid === undefined || child.exitCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      child.once('exit', () => resolve());
      process.kill(-pid, 'SIGKILL');
    });
  }

  async close(): Promise<void> {
    await this.browser?.close().catch(() => undefined);
    await this.kill().catch(() => undefined);
  }
}
