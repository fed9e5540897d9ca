import { expect, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

type Language = 'nb' | 'nn';
type Strings = { readonly [key: string]: string | Strings };

/** The app's own UI strings, so the page object finds each control by what the person reads in either language. */
const LOCALES: Record<Language, Strings> = {
  nb: JSON.parse(readFileSync('locales/nb.json', 'utf8')) as Strings,
  nn: JSON.parse(readFileSync('locales/nn.json', 'utf8')) as Strings,
};

/**
 * A collector's tablet: the enrolment screen, the roster with its panels
 * («Send alle», the export file, «Glem denne enheten», the slip) and the PIN
 * prompt that stands in for every address but the respondent's own while a
 * respondent has the device. Driven by labels and button names, as a person
 * would, in the language the app shows (`switchLanguage`).
 */
export class CollectorPage {
  constructor(
    readonly page: Page,
    /** The language the app shows; the header's switch changes it for the whole device. */
    public language: Language = 'nb',
  ) {}

  /** A UI string in the app's current language, with `{{name}}` filled in as i18next does. */
  text(key: string, values: Readonly<Record<string, string | number>> = {}): string {
    let node: string | Strings | undefined = LOCALES[this.language];
    for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
    if (typeof node !== 'string') throw new Error(`no string ${key} in ${this.language}`);
    return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
      const value = values[name];
      if (value === undefined) throw new Error(`${key} needs {{${name}}}`);
      return String(value);
    });
  }

  get pinPrompt(): Locator {
    return this.page.getByRole('heading', {
      level: 1,
      name: this.text('collector.handBack.heading'),
    });
  }

  get rosterHeading(): Locator {
    return this.page.getByRole('heading', {
      level: 1,
      name: this.text('collector.roster.heading'),
    });
  }

  get promptMessage(): Locator {
    return this.page.getByTestId('hand-back-pin-error');
  }

  /** The list of respondents under the roster's second heading. */
  get roster(): Locator {
    return this.page.locator('section[aria-labelledby="roster-heading"]');
  }

  /** The header's «Nynorsk»/«Bokmål»: the whole app changes language, and remembers it. */
  async switchLanguage(): Promise<void> {
    await this.page.locator('.language-switch').click();
    this.language = this.language === 'nb' ? 'nn' : 'nb';
    await expect(this.page.locator('html')).toHaveAttribute('lang', this.language);
  }

  /**
   * Takes the language from the page after a browser restart. Chromium writes
   * localStorage (the copy the first screen is drawn from) lazily, so a kill
   * may lose a switch made seconds before; the app then corrects the screen
   * from IndexedDB (`preferences`, written durably) just after first paint.
   * Waiting for that correction keeps the test from reading the older copy
   * and switching away from the right language.
   */
  async readLanguage(): Promise<Language> {
    const stored = await this.page.evaluate(
      () =>
        new Promise<string | null>((resolve) => {
          const opening = indexedDB.open('barometer');
          // No database yet: leave none behind for the app to find.
          opening.onupgradeneeded = () => opening.transaction?.abort();
          opening.onerror = () => resolve(null);
          opening.onsuccess = () => {
            const db = opening.result;
            if (!db.objectStoreNames.contains('preferences')) {
              db.close();
              resolve(null);
              return;
            }
            const read = db.transaction('preferences').objectStore('preferences').get('language');
            read.onsuccess = () => {
              const row = read.result as { value?: unknown } | undefined;
              resolve(typeof row?.value === 'string' ? row.value : null);
              db.close();
            };
            read.onerror = () => {
              resolve(null);
              db.close();
            };
          };
        }),
    );
    if (stored === 'nb' || stored === 'nn') {
      await expect(this.page.locator('html')).toHaveAttribute('lang', stored);
    }
    const lang = await this.page.locator('html').getAttribute('lang');
    this.language = lang === 'nn' ? 'nn' : 'nb';
    return this.language;
  }

  /** Opens the collector link (on `origin` when the browser has no base URL); the token leaves the address bar at once. */
  async enrol(token: string, label: string, origin = ''): Promise<void> {
    await this.page.goto(`${origin}/c/${token}`);
    await expect(
      this.page.getByRole('heading', { level: 1, name: `Enheten samler inn svar for ${label}` }),
    ).toBeVisible();
    await expect(this.page).toHaveURL(/\/c$/);
  }

  async choosePin(pin: string, again = pin): Promise<void> {
    await this.page.getByLabel(this.text('collector.pin.first'), { exact: true }).fill(pin);
    await this.page.getByLabel(this.text('collector.pin.again')).fill(again);
    await this.page.getByRole('button', { name: this.text('collector.pin.save') }).click();
  }

  /** «Ny respondent», then waits until the device shows the respondent's first page; returns the response id. */
  async startRespondent(label: string, questionnaireTitle: string): Promise<string> {
    await this.page.getByLabel(this.text('collector.newRespondent.label')).fill(label);
    await this.page.getByRole('radio', { name: questionnaireTitle }).check();
    await this.page
      .getByRole('button', { name: this.text('collector.newRespondent.start') })
      .click();
    await expect(this.page).toHaveURL(/\/svar\/[^/]+\/[^/]+$/);
    return new URL(this.page.url()).pathname.split('/')[2] ?? '';
  }

  /** «Fortsett» on a roster line: the device goes back to that respondent, on their page. */
  async continueWith(label: string): Promise<void> {
    await this.page
      .getByRole('button', { name: this.text('collector.roster.continueNamed', { label }) })
      .click();
    await expect(this.page).toHaveURL(/\/svar\/[^/]+\/[^/]+$/);
  }

  /** The respondent's «Ferdig – gi enheten tilbake». */
  async handBack(): Promise<void> {
    await this.page.getByRole('button', { name: this.text('collector.handBack.action') }).click();
    await expect(this.pinPrompt).toBeVisible();
  }

  async enterPin(pin: string): Promise<void> {
    await this.page.getByLabel(this.text('collector.handBack.pin'), { exact: true }).fill(pin);
    await this.page.getByRole('button', { name: this.text('collector.handBack.submit') }).click();
  }

  entry(responseId: string): Locator {
    return this.page.locator(`[data-testid="roster-entry"][data-response-id="${responseId}"]`);
  }

  /** Where a line says its answers are. */
  stateOf(responseId: string): Locator {
    return this.entry(responseId).getByTestId('roster-state');
  }

  /** «N av M spørsmål besvart» on a line not submitted yet. */
  progressOf(responseId: string): Locator {
    return this.entry(responseId).getByTestId('roster-progress');
  }

  /** The response ids of the roster's lines, top to bottom. */
  async rosterOrder(): Promise<string[]> {
    return this.page
      .getByTestId('roster-entry')
      .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.responseId ?? ''));
  }

  /** «Vis lappen» on a line: the slip with its QR code opens above the panels. */
  async showSlip(label: string): Promise<Locator> {
    await this.page
      .getByRole('button', { name: this.text('collector.roster.showSlipNamed', { label }) })
      .click();
    const slip = this.page.getByTestId('respondent-slip');
    await expect(slip.getByTestId('slip-qr')).toBeVisible();
    return slip;
  }

  panel(id: 'send-all' | 'export' | 'forget' | 'storage'): Locator {
    return this.page.getByTestId(`${id}-panel`);
  }

  /** «Last ned eksportfil»: the file as the browser saved it, and its name. */
  async downloadExport(): Promise<{ text: string; fileName: string; path: string }> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByTestId('export-download').click(),
    ]);
    const path = await download.path();
    return { text: await readFile(path, 'utf8'), fileName: download.suggestedFilename(), path };
  }

  /** «Jeg har lagret filen»: only now do the file's responses count as kept. */
  async confirmExportSaved(): Promise<void> {
    await this.page.getByTestId('export-confirm').click();
    await expect(this.page.getByTestId('export-confirmed')).toHaveText(
      this.text('collectorPanels.export.confirmed'),
    );
  }

  /** «Glem denne enheten», then «Glem enheten» in the dialog that asks first. */
  async forgetDevice(): Promise<void> {
    await this.page.getByTestId('forget-device').click();
    const dialog = this.page.getByTestId('forget-dialog');
    await expect(dialog).toBeVisible();
    await dialog.getByTestId('forget-confirm').click();
  }
}
