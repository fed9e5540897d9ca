import { expectNoAxeViolations } from '../support/axe.ts';
import { expect, type Locator, type Page } from '@playwright/test';

/** `/svar/<id>/resultat`: the respondent's profile beside the latest published average. */
export class ResultsPage {
  constructor(readonly page: Page) {}

  /** What the averages are: the publication's heading and notes, or why there are none. */
  get publication(): Locator {
    return this.page.getByTestId('publication');
  }

  get publicationHeading(): Locator {
    return this.publication.getByRole('heading', { level: 2 });
  }

  get table(): Locator {
    return this.page.getByTestId('results-table');
  }

  get columnHeaders(): Locator {
    return this.table.locator('thead th');
  }

  get legend(): Locator {
    return this.page.locator('figure.profile-chart .chart-legend');
  }

  /** An indicator's rows: its name, then its numbers. */
  row(indicatorId: string): Locator {
    return this.table.locator(`tbody[data-indicator="${indicatorId}"]`);
  }

  ownScore(indicatorId: string): Locator {
    return this.row(indicatorId).locator('td.own-score');
  }

  average(indicatorId: string): Locator {
    return this.row(indicatorId).locator('td.national');
  }

  peer(indicatorId: string): Locator {
    return this.row(indicatorId).locator('td.peer');
  }

  chartRow(indicatorId: string): Locator {
    return this.page.locator(`figure.profile-chart g.chart-row[data-indicator="${indicatorId}"]`);
  }

  disclosure(indicatorId: string): Locator {
    return this.page.locator(`details[data-indicator="${indicatorId}"]`);
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText('Din indeksprofil');
    await expect(this.table).toBeVisible();
  }

  /** A date as the screen writes it: the app's `date` formatter, in the browser's own Intl. */
  async date(ms: number): Promise<string> {
    return this.page.evaluate(
      (time) => new Intl.DateTimeFormat(['nb'], { dateStyle: 'long' }).format(time),
      ms,
    );
  }

  /** The width of the own-score bar drawn for an indicator, in the chart's units. */
  async ownBarWidth(indicatorId: string): Promise<number> {
    return Number(await this.chartRow(indicatorId).locator('rect.own').getAttribute('width'));
  }

  async expectNoHorizontalScroll(width: number): Promise<void> {
    await this.page.setViewportSize({ width, height: 800 });
    const scrollWidth = await this.page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth, `page width at a ${width} px viewport`).toBeLessThanOrEqual(width);
  }

  /** WCAG 2.1 A and AA on the results screen. */
  async expectNoAxeViolations(): Promise<void> {
    await expectNoAxeViolations(this.page, 'results');
  }
}
