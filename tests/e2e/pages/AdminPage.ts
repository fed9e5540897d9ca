import { expect, type Locator, type Page } from '@playwright/test';

/** `/admin`, the survey owner's screen, driven by labels and roles as a person would. */
export class AdminPage {
  constructor(
    readonly page: Page,
    readonly baseUrl = '',
  ) {}

  get keyField(): Locator {
    return this.page.getByLabel('Administratornøkkel');
  }

  get signInError(): Locator {
    return this.page.getByTestId('admin-sign-in-error');
  }

  async goto(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/admin`);
    await expect(this.page.getByRole('heading', { level: 1 })).toBeVisible();
  }

  async signIn(key: string): Promise<void> {
    await this.keyField.fill(key);
    await this.page.getByRole('button', { name: 'Logg inn' }).click();
  }

  /** Signs in and waits for the overview. */
  async signInAs(key: string): Promise<void> {
    await this.signIn(key);
    await expect(this.page.getByRole('button', { name: 'Logg ut' })).toBeVisible();
  }

  questionnaire(questionnaireId: string): QuestionnaireCard {
    return new QuestionnaireCard(this.page.getByTestId(`admin-${questionnaireId}`));
  }

  async hasHorizontalScroll(): Promise<boolean> {
    return this.page.evaluate(
      () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
    );
  }
}

/** One questionnaire's card and its publication panel. */
export class QuestionnaireCard {
  constructor(readonly root: Locator) {}

  get current(): Locator {
    return this.root.getByTestId('publication-current');
  }

  get next(): Locator {
    return this.root.getByTestId('publication-next');
  }

  get schedule(): Locator {
    return this.root.getByTestId('publication-schedule');
  }

  /** The live region under «Publiser nå» that tells what publishing did. */
  get notice(): Locator {
    return this.root.getByTestId('publication-notice');
  }

  /** The live region under the settings that tells what changing them did. */
  get settingsNotice(): Locator {
    return this.root.getByTestId('settings-notice');
  }

  get publishButton(): Locator {
    return this.root.getByRole('button', { name: /^Publiser/ });
  }

  get figures(): Locator {
    return this.root.getByTestId('publication-figures');
  }

  get admitOpenLink(): Locator {
    return this.root.getByRole('switch', { name: 'Tell med svar fra åpen lenke' });
  }

  get closedRound(): Locator {
    return this.root.getByTestId('round-closed');
  }

  /** The count in one row of the responses table: invited, collector, open, simulated, counted, waiting. */
  responses(row: string): Locator {
    return this.root.locator(`[data-testid="publication-responses"] tr[data-row="${row}"] td`);
  }

  outcome(indicatorId: string): Locator {
    return this.root.locator(`ul li[data-indicator="${indicatorId}"]`);
  }

  /** «Avslutt runden …», shown while the round is open. */
  get closeRoundButton(): Locator {
    return this.root.getByRole('button', { name: /^Avslutt runden/ });
  }

  /** «Gjenåpne runden …», shown while the round is closed. */
  get reopenRoundButton(): Locator {
    return this.root.getByRole('button', { name: /^Gjenåpne runden/ });
  }

  async closeRound(): Promise<void> {
    await this.closeRoundButton.click();
    const dialog = this.root.page().getByRole('dialog', { name: 'Avslutte runden?' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Avslutt runden' }).click();
  }

  /** Opens the reopening dialog and returns it, for the test to read and confirm or cancel. */
  async openReopenDialog(): Promise<Locator> {
    await this.reopenRoundButton.click();
    const dialog = this.root.page().getByRole('dialog', { name: 'Gjenåpne runden?' });
    await expect(dialog).toBeVisible();
    return dialog;
  }

  async reopenRound(): Promise<void> {
    const dialog = await this.openReopenDialog();
    await dialog.getByRole('button', { name: 'Gjenåpne runden' }).click();
  }
}
