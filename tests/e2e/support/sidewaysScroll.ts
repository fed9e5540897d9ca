import { expect, type Page } from '@playwright/test';

/**
 * Issue 16, WCAG 1.4.10 (reflow): the screen as shown does not pan sideways.
 * Fails with the page's extra width and the first elements in the header or
 * the main area that reach past the viewport's right edge, so the message
 * names what to fix.
 */
export async function expectNoSidewaysScroll(page: Page, screen: string): Promise<void> {
  const overflow = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll<HTMLElement>('main *, header *')]
      .filter((el) => el.getBoundingClientRect().right > width + 0.5)
      .slice(0, 3)
      .map(
        (el) =>
          `${el.tagName.toLowerCase()}.${el.className} (${el.getBoundingClientRect().right} px)`,
      );
    return { scroll: document.documentElement.scrollWidth - width, wide };
  });
  expect(overflow, `${screen} pans sideways`).toEqual({ scroll: 0, wide: [] });
}
