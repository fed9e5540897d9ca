import { expect, type Page } from '@playwright/test';

export class StartPage {
  constructor(readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto('/');
    await expect(this.page.getByRole('heading', { level: 1 })).toBeVisible();
  }

  /** Starts a new response to a questionnaire and waits for its first page. */
  async start(questionnaireId: string): Promise<void> {
    await this.page.getByTestId(`questionnaire-${questionnaireId}`).getByRole('button').click();
    await expect(this.page).toHaveURL(/\/svar\/[^/]+\/[^/]+$/);
  }

  async switchLanguage(): Promise<void> {
    await this.page.locator('.language-switch').click();
  }
}
