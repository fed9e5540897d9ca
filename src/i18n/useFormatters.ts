import { useUiText } from './uiText.tsx';
import { intlLocales } from './i18n.ts';

// Building an Intl formatter costs milliseconds on a phone; the save status shows a time on every
// answer, so each language keeps one formatter per style.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function formatter<T extends Intl.DateTimeFormat | Intl.NumberFormat>(
  key: string,
  make: () => T,
): T {
  let found = formatters.get(key) as T | undefined;
  if (!found) {
    found = make();
    formatters.set(key, found);
  }
  return found;
}

const twoDigits = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * «14:02», as Intl gives hour and minute in nb and nn (24 hours, two digits each), without an
 * Intl.DateTimeFormat: the first one a page builds loads ICU's calendar and time-zone data, about
 * 50 ms on a phone (200 ms at 4× throttling, measured), and the answering page's status line shows
 * a time on its first paint. tests/i18n/clockTime.test.ts holds it to Intl's output.
 */
export function clockTime(ms: number): string {
  const at = new Date(ms);
  return `${twoDigits(at.getHours())}:${twoDigits(at.getMinutes())}`;
}

/**
 * A whole number as Intl writes it in nb and nn («1 000», «−12 345»: no-break space between
 * groups of three, the minus sign U+2212), or undefined for any other number. Character counters
 * and allocation sums are whole numbers, and the first Intl.NumberFormat a page builds costs as
 * much as the first DateTimeFormat (see `clockTime`), on the «Neste» that first shows one.
 * tests/i18n/clockTime.test.ts holds it to Intl's output.
 */
export function wholeNumber(n: number): string | undefined {
  if (!Number.isSafeInteger(n)) return undefined;
  const digits = String(Math.abs(n));
  let grouped = digits.length > 3 ? '' : digits;
  if (digits.length > 3)
    for (let end = digits.length; end > 0; end -= 3)
      grouped = `${digits.slice(Math.max(0, end - 3), end)}${grouped === '' ? '' : `\u00A0${grouped}`}`;
  return n < 0 || Object.is(n, -0) ? `\u2212${grouped}` : grouped;
}

/** Numbers and dates through Intl with the nn → nb chain (Chromium has no nn data). */
export function useFormatters() {
  const { language } = useUiText();
  const locales = intlLocales(language);
  return {
    language,
    time: clockTime,
    dateTime: (ms: number) =>
      formatter(
        `${language}:dateTime`,
        () => new Intl.DateTimeFormat(locales, { dateStyle: 'medium', timeStyle: 'short' }),
      ).format(ms),
    date: (ms: number) =>
      formatter(
        `${language}:date`,
        () => new Intl.DateTimeFormat(locales, { dateStyle: 'long' }),
      ).format(ms),
    number: (n: number, digits = 0) =>
      formatter(
        `${language}:number:${digits}`,
        () => new Intl.NumberFormat(locales, { maximumFractionDigits: digits }),
      ).format(n),
    /**
     * A number a person gave or a rule states, with its decimals («12,5», «1 000»). Ten digits at
     * most: a sum such as 33,3 + 33,3 + 33,4 is 100.00000000000001 in floating point.
     */
    exact: (n: number) =>
      wholeNumber(n) ??
      formatter(
        `${language}:exact`,
        () => new Intl.NumberFormat(locales, { maximumFractionDigits: 10 }),
      ).format(n),
  };
}
