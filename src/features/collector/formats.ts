import type { TFunction } from 'i18next';
import type { Language } from '../../engine/index.ts';
import { intlLocales } from '../../i18n/i18n.ts';

/**
 * Counts, sizes and shares for the collector's panels, through `Intl` (SI
 * units: 1 kB = 1 000 bytes, as the browsers' own storage settings count).
 * Pure, so the wording is tested in Node.
 */

/** What the panels' wording functions take: the texts of one language, and the language for `Intl`. */
export interface WordTools {
  readonly t: TFunction;
  readonly language: Language;
}

/** «1 234» with the language's grouping. */
export function formatCount(n: number, language: Language): string {
  return new Intl.NumberFormat(intlLocales(language), { maximumFractionDigits: 0 }).format(n);
}
export type ByteUnit = 'kilobyte' | 'megabyte' | 'gigabyte';

const UNIT_BYTES: Readonly<Record<ByteUnit, number>> = {
  kilobyte: 1e3,
  megabyte: 1e6,
  gigabyte: 1e9,
};

/** «Kari, Per og Ola»: the language's own list. */
export function formatList(items: readonly string[], language: Language): string {
  return new Intl.ListFormat(intlLocales(language), { type: 'conjunction' }).format(items);
}

/** The unit a size reads best in: kB below 1 MB (a few hundred bytes are «0,3 kB»), then MB, then GB. */
export function byteUnitOf(bytes: number): ByteUnit {
  if (bytes >= UNIT_BYTES.gigabyte) return 'gigabyte';
  if (bytes >= UNIT_BYTES.megabyte) return 'megabyte';
  return 'kilobyte';
}

/** One decimal below 10 of the unit («3,2 kB»), none from there («12 kB», «1 200 MB»). */
function amountIn(bytes: number, unit: ByteUnit): { value: number; digits: number } {
  const value = bytes / UNIT_BYTES[unit];
  return { value, digits: value < 10 ? 1 : 0 };
}

/** «12 kB», «3,4 MB»; the unit chosen for this size unless one is given. */
export function formatBytes(bytes: number, language: Language, unit = byteUnitOf(bytes)): string {
  const { value, digits } = amountIn(bytes, unit);
  return new Intl.NumberFormat(intlLocales(language), {
    style: 'unit',
    unit,
    maximumFractionDigits: digits,
  }).format(value);
}

/** A part and its whole in the whole's unit, for «3,2 av 12 kB»: `part` without the unit. */
export function byteRange(
  part: number,
  whole: number,
  language: Language,
): { part: string; whole: string } {
  const unit = byteUnitOf(whole);
  const { value, digits } = amountIn(part, unit);
  return {
    part: new Intl.NumberFormat(intlLocales(language), { maximumFractionDigits: digits }).format(
      value,
    ),
    whole: formatBytes(whole, language, unit),
  };
}

/** «83 %». A share above 0 that would round to «0 %» is not shown as nothing: see `usageWords`. */
export function formatPercent(share: number, language: Language): string {
  return new Intl.NumberFormat(intlLocales(language), {
    style: 'percent',
    maximumFractionDigits: 0,
  }).format(share);
}
