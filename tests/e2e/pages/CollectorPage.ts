import { expect, type Locator, type Page } from '@playwright/test';

/**
 * A collector's tablet: the enrolment screen, the roster and the PIN prompt
 * that stands in for every address but the respondent's own while a
 * respondent has the device. Driven by labels and button names, as a person would.
 */
export class CollectorPage {
  constructor(readonly page: Page) {}

  get pinPrompt(): Locator {
    return this.page.getByRole('heading', {
      level: 1,
      name: 'Gi enheten tilbake til den som samler inn',
    });
  }

  get rosterHeading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: 'Innsamling' });
  }

  get promptMessage(): Locator {
    return this.page.getByTestId('hand-back-pin-error');
  }

  /** Opens the collector link; the token leaves the address bar at once. */
  async enrol(token: string, label: string): Promise<void> {
    await this.page.goto(`/c/${token}`);
    await expect(
      this.page.getByRole('heading', { level: 1, name: `Enheten samler inn svar for ${label}` }),
    ).toBeVisible();
    await expect(this.page).toHaveURL(/\/c$/);
  }

  async choosePin(pin: string, again = pin): Promise<void> {
    await this.page.getByLabel('PIN-kode', { exact: true }).fill(pin);
    await this.page.getByLabel('Skriv PIN-koden én gang til').fill(again);
    await this.page.getByRole('button', { name: 'Lagre PIN-koden' }).click();
  }

  /** «Ny respondent», then waits until the device shows the respondent's first page; returns the response id. */
  async startRespondent(label: string, questionnaireTitle: string): Promise<string> {
    await this.page.getByLabel('Hvem svarer?').fill(label);
    await this.page.getByRole('radio', { name: questionnaireTitle }).check();
    await this.page.getByRole('button', { name: 'Start og gi enheten til respondenten' }).click();
    await expect(this.page).toHaveURL(/\/svar\/[^/]+\/[^/]+$/);
    return new URL(this.page.url()).pathname.split('/')[2] ?? '';
  }

  /** The respondent's «Ferdig – gi enheten tilbake». */
  async handBack(): Promise<void> {
    await this.page.getByRole('button', { name: 'Ferdig – gi enheten tilbake' }).click();
    await expect(this.pinPrompt).toBeVisible();
  }

  async enterPin(pin: string): Promise<void> {
    await this.page.getByLabel('PIN-kode', { exact: true }).fill(pin);
    await this.page.getByRole('button', { name: 'Ta enheten tilbake' }).click();
  }

  entry(responseId: string): Locator {
    return this.page.locator(`[data-testid="roster-entry"][data-response-id="${responseId}"]`);
  }

  /** The response ids of the roster's lines, top to bottom. */
  async rosterOrder(): Promise<string[]> {
    return this.page
      .getByTestId('roster-entry')
      .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.responseId ?? ''));
  }
}
