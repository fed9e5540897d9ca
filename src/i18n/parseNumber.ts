/**
 * Numbers as people in Norway type them, read in one place for every field.
 * A decimal comma or point («12,5», «12.5»: a phone's keyboard may offer
 * either); thousands grouped by threes with a space, a no-break space or a
 * narrow no-break space («1 000», as `Intl` writes nb numbers and as they are
 * pasted from documents); a hyphen or a minus sign («−3», also as `Intl`
 * writes it), so whatever the app shows reads back. Groups must be whole
 * («1 00» is a typo, not 100), a decimal mark needs digits after it, and
 * nothing else is read: no exponent, no second decimal mark.
 */
const SEPARATOR = '[ \\u00A0\\u202F]';
const NUMBER = new RegExp(
  `^([-\\u2212])?(\\d{1,3}(?:${SEPARATOR}\\d{3})+|\\d+)(?:[.,](\\d+))?$`,
  'u',
);

/** The number typed, or null for blank input and for anything that is not a number. */
export function parseNumber(input: string): number | null {
  // trim() also removes the no-break spaces a paste may bring around the number.
  const match = NUMBER.exec(input.trim());
  if (!match) return null;
  const [, sign, whole = '', fraction] = match;
  const digits = whole.replace(/\D/gu, '');
  const value = Number(
    `${sign ? '-' : ''}${digits}${fraction === undefined ? '' : `.${fraction}`}`,
  );
  // "-0" is 0; hundreds of digits overflow to Infinity, which no answer can hold.
  return Number.isFinite(value) ? value + 0 : null;
}
