import { describe, expect, it } from 'vitest';
import { intlLocales } from '../../src/i18n/i18n.ts';
import { clockTime, wholeNumber } from '../../src/i18n/useFormatters.ts';

describe('the clock time on the status line', () => {
  it.each(['nb', 'nn'] as const)(
    'is what Intl gives in %s for every minute of a day',
    (language) => {
      const intl = new Intl.DateTimeFormat(intlLocales(language), {
        hour: '2-digit',
        minute: '2-digit',
      });
      // A day with a daylight-saving change in Oslo (the tests run with TZ=Europe/Oslo).
      const start = new Date(2026, 2, 29, 0, 0).getTime();
      for (let minute = 0; minute < 24 * 60; minute += 1) {
        const at = start + minute * 60_000 + 59_999;
        expect(clockTime(at)).toBe(intl.format(at));
      }
    },
  );
});

describe('whole numbers in counters and sums', () => {
  it.each(['nb', 'nn'] as const)('are what Intl gives in %s', (language) => {
    const intl = new Intl.NumberFormat(intlLocales(language), { maximumFractionDigits: 10 });
    const samples = [0, -0, 1, 9, 10, 99, 100, 999, 1000, 1001, 9999, 10_000, 12_345, 100_000];
    samples.push(999_999, 1_000_000, 123_456_789, Number.MAX_SAFE_INTEGER);
    for (const n of [...samples, ...samples.map((x) => -x)])
      expect(wholeNumber(n)).toBe(intl.format(n));
  });

  it('leaves every other number to Intl', () => {
    for (const n of [0.5, -12.5, 1e21, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60]) {
      expect(wholeNumber(n)).toBeUndefined();
    }
  });
});
