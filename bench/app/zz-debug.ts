import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '/work/main/tests/e2e/support/browser.ts';
import { startStaticServer, freePort } from '/work/main/bench/app/servers.ts';
const server = await startStaticServer('/tmp/bdbg', await freePort());
const port = (server.address() as any).port;
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const page = await browser.newPage();
page.on('console', (m) => console.log('console', m.text()));
page.on('pageerror', (e) => console.log('pageerror', e.stack));
await page.goto(`http://127.0.0.1:${port}/`);
await page.waitForSelector('[data-name]');
for (const input of await page.locator('form input[type=radio]').all()) {}
await page.locator('input[name="q-op-bakgrunn-ansatte"]').first().click();
await page.locator('input[name="q-op-bakgrunn-malgruppe"]').first().click();
await page.locator('button[type=submit]').click();
await page.waitForTimeout(500);
console.log(page.url(), await page.evaluate(() => document.querySelector('form')?.getAttribute('data-section')), (await page.content()).slice(0, 600));
await browser.close(); server.close();
