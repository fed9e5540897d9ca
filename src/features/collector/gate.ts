import type { Route } from '../../platform/router.ts';

/**
 * Who may see what on a collector's device while a respondent has it: the
 * respondent reaches only their own response (its pages, review, receipt and
 * results); every other address — the start page, the roster, another
 * respondent's answers, the owner's screen, a link — asks for the collector's
 * PIN instead. Pure, so the rule is tested without a browser.
 */
export function isAllowed(route: Route, activeRespondent: string | null): boolean {
  if (activeRespondent === null) return true;
  switch (route.name) {
    case 'answer':
    case 'review':
    case 'receipt':
    case 'results':
      return route.draftId === activeRespondent;
    case 'privacy':
      // The privacy statement is everyone's to read, the respondent holding the device too.
      return true;
    default:
      return false;
  }
}

/** Wrong PINs in a row that cost nothing: a person mistyping. */
export const FREE_PIN_TRIES = 5;
const FIRST_WAIT_MS = 30_000;
const LONGEST_WAIT_MS = 15 * 60_000;

/**
 * How long the next try waits after `count` wrong PINs in a row: not at all
 * for the first five, then 30 s, doubling with each further wrong one, 15
 * minutes at most. A respondent trying PINs gets a handful an hour; the
 * collector who mistyped waits half a minute.
 */
export function pinWaitMs(count: number): number {
  if (count < FREE_PIN_TRIES) return 0;
  return Math.min(FIRST_WAIT_MS * 2 ** (count - FREE_PIN_TRIES), LONGEST_WAIT_MS);
}

/** When the next try may be made, given the wrong PINs recorded; 0 when at once. */
export function nextTryAt(wrongPins: { readonly count: number; readonly lastAt: number } | null) {
  if (!wrongPins) return 0;
  const wait = pinWaitMs(wrongPins.count);
  return wait === 0 ? 0 : wrongPins.lastAt + wait;
}

/** A wait as the largest whole unit that says it: «30 sekunder», «2 minutter» (rounded up). */
export function waitParts(ms: number): { readonly unit: 'seconds' | 'minutes'; count: number } {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return seconds < 60
    ? { unit: 'seconds', count: seconds }
    : { unit: 'minutes', count: Math.ceil(seconds / 60) };
}
