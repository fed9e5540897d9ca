import { describe, expect, it } from 'vitest';
import { intlLocales } from '../../src/i18n/i18n.ts';
import { parseNumber } from '../../src/i18n/parseNumber.ts';

describe('numbers as they are typed in Norwegian', () => {
  it.each([
    ['12', 12],
    ['12,5', 12.5],
    ['12.5', 12.5],
    ['-3', -3],
    ['\u22123', -3],
    ['0', 0],
    ['-0', 0],
    ['007', 7],
    ['1000', 1000],
    ['1 000', 1000],
    ['1\u00A0000', 1000],
    ['1\u202F000', 1000],
    ['12 345 678', 12_345_678],
    ['1 000,25', 1000.25],
    ['-1 000.5', -1000.5],
    ['  25 ', 25],
    ['\u00A042\u00A0', 42],
    ['\t3,75\n', 3.75],
  ])('reads «%s» as %d', (input, expected) => {
    expect(parseNumber(input)).toBe(expected);
  });

  it.each([
    '',
    '   ',
    '1,2,3',
    '1.2.3',
    '12,',
    '12.',
    ',5',
    '1 00',
    '1 0000',
    '10 00',
    '1  000',
    'abc',
    '12abc',
    '1e3',
    '0x10',
    '+3',
    '- 3',
    '3-',
    '12 %',
    'Infinity',
    'NaN',
    '9'.repeat(400),
  ])('refuses «%s»', (input) => {
    expect(parseNumber(input)).toBeNull();
  });

  it('reads back every number as the app shows it in nb and nn', () => {
    for (const language of ['nb', 'nn'] as const) {
      const format = new Intl.NumberFormat(intlLocales(language), { maximumFractionDigits: 10 });
      for (const n of [-1_234_567.5, -3, 0, 12.5, 999, 1000, 25_000, 0.125]) {
        expect(parseNumber(format.format(n)), `${language} ${format.format(n)}`).toBe(n);
      }
    }
  });
});
