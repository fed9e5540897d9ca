import { expect, type Page } from '@playwright/test';
import {
  computeVisibility,
  type AnswerValue,
  type Questionnaire,
} from '../../../src/engine/index.ts';
import { AnswerPage } from '../pages/AnswerPage.ts';

/**
 * Answers page after page from the current one until the review page (or
 * `stopAfter` pages), checking on every page that exactly the questions the
 * engine expects are shown. Returns what was entered and the pages visited.
 */
export async function walkQuestionnaire(
  page: Page,
  spec: Questionnaire,
  answers: Record<string, AnswerValue>,
  options: {
    stopAfter?: number;
    given?: Record<string, AnswerValue>;
    /** Called on each page before it is filled, for checks of that page. */
    onPage?: (sectionId: string) => Promise<void>;
  } = {},
) {
  const answerPage = new AnswerPage(page);
  const given = options.given ?? {};
  const visited: string[] = [];
  for (let i = 0; i < (options.stopAfter ?? 100); i++) {
    if (page.url().endsWith('/oppsummering')) break;
    const section = await answerPage.sectionId();
    visited.push(section);
    await options.onPage?.(section);
    const filled = await answerPage.fillPage(spec, answers, given);
    if (filled.length > 0) await answerPage.waitUntilSaved();
    await answerPage.next();
    await expect(page).not.toHaveURL(new RegExp(`/${section}$`));
  }
  return { given, visited };
}

export function expectedPages(spec: Questionnaire, given: Record<string, AnswerValue>): string[] {
  const { sections } = computeVisibility(spec, given);
  return spec.sections.filter((s) => sections.has(s.id)).map((s) => s.id);
}
