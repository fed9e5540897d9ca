import { expect, type Locator, type Page } from '@playwright/test';
import type { AnswerValue, Questionnaire } from '../../../src/engine/index.ts';
import { questionDomId } from '../../../src/features/questionnaire/domIds.ts';
import { expectedOnPage } from '../support/specs.ts';

/** One page of a questionnaire, driven the way a person would: by clicking labels and typing. */
export class AnswerPage {
  constructor(readonly page: Page) {}

  /** When the last answer was given, by the page's clock (the save line's `data-saved-at`). */
  private answeredAt = 0;

  question(id: string): Locator {
    return this.page.locator(`[data-name="${id}"]`);
  }

  /** The page on screen: waits until the address and the rendered form agree. */
  async sectionId(): Promise<string> {
    await expect(this.page).toHaveURL(/\/svar\/[^/]+\/[^/]+$/);
    const section = decodeURIComponent(new URL(this.page.url()).pathname.split('/')[3] ?? '');
    await expect(this.page.locator(`form[data-section="${section}"]`)).toBeVisible();
    return section;
  }

  draftId(): string {
    return new URL(this.page.url()).pathname.split('/')[2] ?? '';
  }

  async visibleQuestionIds(): Promise<string[]> {
    return this.page
      .locator('[data-name]')
      .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.name ?? ''));
  }

  async answer(spec: Questionnaire, id: string, value: AnswerValue): Promise<void> {
    const question = spec.sections.flatMap((s) => s.questions).find((q) => q.id === id);
    const root = this.question(id);
    this.answeredAt = await this.page.evaluate(() => Date.now());
    switch (question?.type) {
      case 'single':
        await root.locator(`input[type="radio"][value="${value as string}"]`).check();
        return;
      case 'multiple':
        for (const option of value as string[])
          await root.locator(`input[type="checkbox"][value="${option}"]`).check();
        return;
      case 'grid':
        for (const [row, option] of Object.entries(value as Record<string, string>)) {
          const input = root.locator(`input[name="${questionDomId(id, row)}"][value="${option}"]`);
          if ((await input.count()) > 0) await input.check();
        }
        return;
      case 'allocation':
        for (const [i, row] of question.rows.entries()) {
          const share = (value as Record<string, number>)[row.id];
          if (share !== undefined)
            await this.page
              .locator(`#${i === 0 ? questionDomId(id) : questionDomId(id, row.id)}`)
              .fill(String(share));
        }
        return;
      case 'number':
      case 'text':
        await this.page
          .locator(`#${questionDomId(id)}`)
          .fill(typeof value === 'number' ? String(value) : (value as string));
        return;
      default:
        throw new Error(`no question ${id}`);
    }
  }

  /**
   * Answers every question the page shows, including those that appear
   * because of an answer on the same page, then checks that the page shows
   * exactly what the engine says it should. Returns the ids answered.
   */
  async fillPage(
    spec: Questionnaire,
    answers: Record<string, AnswerValue>,
    given: Record<string, AnswerValue>,
  ) {
    const section = await this.sectionId();
    const done = new Set<string>();
    for (let round = 0; round < 5; round++) {
      const pending = (await this.visibleQuestionIds()).filter(
        (id) => !done.has(id) && answers[id] !== undefined,
      );
      if (pending.length === 0) break;
      for (const id of pending) {
        const value = answers[id];
        if (value === undefined) continue;
        await this.answer(spec, id, value);
        given[id] = value;
        done.add(id);
      }
    }
    expect(await this.visibleQuestionIds()).toEqual(expectedOnPage(spec, given, section));
    return [...done];
  }

  /** The text box of one allocation row; the first row's box carries the question's own id. */
  allocationInput(spec: Questionnaire, id: string, row: string): Locator {
    const question = spec.sections.flatMap((s) => s.questions).find((q) => q.id === id);
    const isFirst = question?.type === 'allocation' && question.rows[0]?.id === row;
    return this.page.locator(`#${isFirst ? questionDomId(id) : questionDomId(id, row)}`);
  }

  async next(): Promise<void> {
    await this.page.getByRole('button', { name: /^(Neste|Gå til oppsummering)$/ }).click();
  }

  /** «Neste» on a complete page, waiting until the next page (or the review) has opened. */
  async nextPage(): Promise<void> {
    const before = this.page.url();
    await this.next();
    await expect(this.page).not.toHaveURL(before);
  }

  /**
   * The line says the last answer is stored: saved at or after the moment it
   * was given (the line follows a tap one frame later, so an earlier save may
   * still show right after it), or restored.
   */
  async waitUntilSaved(): Promise<void> {
    const status = this.page.getByTestId('save-status');
    await expect
      .poll(async () => {
        const state = await status.getAttribute('data-state');
        if (state === 'restored') return true;
        return (
          state === 'saved' && Number(await status.getAttribute('data-saved-at')) >= this.answeredAt
        );
      })
      .toBe(true);
  }
}
