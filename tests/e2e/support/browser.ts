import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { chromium } from '@playwright/test';

/** Flags this sandbox needs: no sandbox (CI runs as root), no downloads, no background traffic. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const NAMES_ON_PATH = [
  'chromium',
  'chromium-browser',
  'google-chrome',
  'google-chrome-stable',
  'chrome',
];

const USUAL_PLACES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  ...['PROGRAMFILES', 'PROGRAMFILES(X86)', 'LOCALAPPDATA'].flatMap((variable) => {
    const folder = process.env[variable];
    return folder === undefined
      ? []
      : [join(folder, 'Google', 'Chrome', 'Application', 'chrome.exe')];
  }),
];

/**
 * The Chromium the browser tests and `bench:app` drive. In order: `CHROMIUM_PATH`; a system
 * Chromium or Chrome on PATH or in its usual place (Debian's /usr/bin/chromium in CI, where
 * Playwright's browser download is not reachable); Playwright's own download
 * (`npx playwright install chromium`). None of them: one message saying how to get one.
 */
export const CHROMIUM_PATH = findChromium();

function findChromium(): string {
  const given = process.env.CHROMIUM_PATH;
  if (given !== undefined && given !== '') {
    if (isExecutable(given)) return given;
    throw new Error(`CHROMIUM_PATH is ${given}, which is not an executable file.`);
  }
  const onPath = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((folder) => folder !== '')
    .flatMap((folder) => NAMES_ON_PATH.map((name) => join(folder, name)));
  const found = [...onPath, ...USUAL_PLACES, playwrightsChromium()].find(isExecutable);
  if (found !== undefined) return found;
  throw new Error(
    'The browser tests need Chromium or Chrome, and none was found (CHROMIUM_PATH, PATH, the ' +
      "usual places, Playwright's download). Install one: `npx playwright install chromium`, or " +
      '`apt-get install chromium` (Debian/Ubuntu), or set CHROMIUM_PATH to its executable.',
  );
}

/** Where `npx playwright install chromium` puts it (for this Playwright version). */
function playwrightsChromium(): string {
  try {
    return chromium.executablePath();
  } catch {
    return ''; // a platform Playwright has no build for
  }
}

function isExecutable(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, process.platform === 'win32' ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
