import { describe, expect, it } from 'vitest';
import { intlLocales } from '../../src/i18n/i18n.ts';
import { clockTime } from '../../src/i18n/useFormatters.ts';

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
