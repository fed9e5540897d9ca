import { expect, type Page } from '@playwright/test';

export class StartPage {
  constructor(readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto('/');
    await expect(this.page.getByRole('heading', { level: 1 })).toBeVisible();
  }

  card(questionnaireId: string) {
    return this.page.getByTestId(`questionnaire-${questionnaireId}`);
  }

  /**
   * Starts a new response to a questionnaire and waits for its first page;
   * with a draft of it already on the device, says «begin a new one» on purpose.
   */
  async start(questionnaireId: string): Promise<void> {
    const card = this.card(questionnaireId);
    const another = card.getByRole('button', { name: 'Begynn på et nytt svar' });
    await card.getByRole('button', { name: /^Start/ }).click();
    await Promise.race([this.page.waitForURL(/\/svar\/[^/]+\/[^/]+$/), another.waitFor()]);
    if (await another.isVisible()) await another.click();
    await expect(this.page).toHaveURL(/\/svar\/[^/]+\/[^/]+$/);
  }

  async switchLanguage(): Promise<void> {
    await this.page.locator('.language-switch').click();
  }
}
