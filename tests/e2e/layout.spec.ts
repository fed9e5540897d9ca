import { expect, test } from '@playwright/test';
import type { AnswerValue, Questionnaire } from '../../src/engine/index.ts';
import { expectNoAxeViolations } from './support/axe.ts';
import { expectNoSidewaysScroll } from './support/sidewaysScroll.ts';
import { StartPage } from './pages/StartPage.ts';
import { answersFor, loadSpec } from './support/specs.ts';
import { walkQuestionnaire } from './support/walk.ts';

/**
 * Issue 16: no screen pans sideways on a phone, and each passes axe, in both
 * languages. Every page of every questionnaire is visited, on the path that
 * shows the most pages (an innovator), at the narrowest width WCAG's reflow
 * asks for (320 px) and at a common phone's (390 px).
 */
const QUESTIONNAIRES: readonly [Questionnaire, Record<string, AnswerValue>][] = [
  [loadSpec('stat-2021-strategisk.v2.json'), { 'strat.status.innovasjon': 'forankret' }],
  [loadSpec('stat-2021-operativ.v2.json'), {}],
  [loadSpec('ks-2020-kommune.v2.json'), {}],
];

for (const [width, language] of [
  [320, 'nb'],
  [390, 'nn'],
] as const) {
  for (const [spec, overrides] of QUESTIONNAIRES) {
    test(`${spec.id} at ${width} px in ${language}: every page, the review and the receipt fit and pass axe`, async ({
      page,
    }) => {
      test.slow();
      await page.setViewportSize({ width, height: 740 });
      const start = new StartPage(page);
      await start.goto();
      if (language === 'nn') await start.switchLanguage();
      await expect(page.locator('html')).toHaveAttribute('lang', language);
      await expectNoSidewaysScroll(page, 'start page');
      await start.start(spec.id);
      await walkQuestionnaire(page, spec, answersFor(spec, overrides), {
        onPage: async (section) => {
          await expectNoSidewaysScroll(page, `page ${section}`);
          await expectNoAxeViolations(page, `page ${section}`);
        },
      });
      await expectNoSidewaysScroll(page, 'review');
      await expectNoAxeViolations(page, 'review');
      await page.getByRole('button', { name: 'Send inn' }).click();
      await expect(page.getByTestId('receipt')).toBeVisible();
      await expectNoSidewaysScroll(page, 'receipt');
      await expectNoAxeViolations(page, 'receipt');
    });
  }
}
