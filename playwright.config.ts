import { defineConfig } from '@playwright/test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './tests/e2e/support/browser.ts';

/**
 * End-to-end tests: a real Chromium (found by tests/e2e/support/browser.ts), our real server,
 * real IndexedDB and service worker.
 */
const PORT = Number(process.env.E2E_PORT ?? 4173);
export const E2E_ADMIN_TOKEN = 'e2e-admin-token-0123456789abcdef';

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: 'nb-NO',
    timezoneId: 'Europe/Oslo',
    viewport: { width: 390, height: 844 },
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    trace: 'off',
  },
  webServer: {
    // start.ts serves dist/ as it is: build it first when its sources changed.
    command: 'node bin/build.js --if-stale app && node --import tsx src/server/start.ts',
    env: {
      PORT: String(PORT),
      HOST: '127.0.0.1',
      SQLITE_FILE: join(tmpdir(), `barometer-e2e-${process.pid}.sqlite`),
      ADMIN_TOKEN: E2E_ADMIN_TOKEN,
      // Figures are published when a test asks for it, never by the clock.
      PUBLISH_AT: 'off',
    },
    url: `http://127.0.0.1:${PORT}/`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
