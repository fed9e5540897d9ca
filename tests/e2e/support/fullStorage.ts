import { expect, type Page } from '@playwright/test';

/**
 * Makes every IndexedDB write fail the way a full disk makes it fail, in the
 * page and in the answer worker (which writes answers off the main thread),
 * until the returned function undoes it.
 */
export async function fillStorage(page: Page): Promise<() => Promise<void>> {
  // The worker starts after the first paint; a test that fills storage expects it to be there.
  await expect.poll(() => page.workers().length).toBeGreaterThan(0);
  const contexts = [
    (script: string) => page.evaluate(script),
    ...page.workers().map((worker) => (script: string) => worker.evaluate(script)),
  ];
  const fill = `(() => {
    const { put } = Object.getOwnPropertyDescriptors(IDBObjectStore.prototype);
    self.__restorePut = () => Object.defineProperty(IDBObjectStore.prototype, 'put', put);
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  })()`;
  for (const run of contexts) await run(fill);
  return async () => {
    for (const run of contexts) await run('self.__restorePut()');
  };
}
