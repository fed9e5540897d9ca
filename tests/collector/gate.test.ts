import { describe, expect, it } from 'vitest';
import {
  FREE_PIN_TRIES,
  isAllowed,
  nextTryAt,
  pinWaitMs,
  waitParts,
} from '../../src/features/collector/gate.ts';
import { parseRoute } from '../../src/platform/router.ts';

/** The gate on a collector's device while a respondent has it (issue 15, item 3). */
const MINE = '00000000-0000-4000-8000-000000000001';
const OTHER = '00000000-0000-4000-8000-000000000002';

describe('which addresses a respondent reaches', () => {
  it.each([
    `/svar/${MINE}`,
    `/svar/${MINE}/kultur`,
    `/svar/${MINE}/oppsummering`,
    `/svar/${MINE}/kvittering`,
    `/svar/${MINE}/resultat`,
  ])('their own response: %s', (path) => {
    expect(isAllowed(parseRoute(path), MINE)).toBe(true);
  });

  it.each([
    '/',
    '/innsamling',
    `/svar/${OTHER}`,
    `/svar/${OTHER}/oppsummering`,
    `/svar/${OTHER}/kvittering`,
    `/svar/${OTHER}/resultat`,
    '/ny/stat-2021-operativ',
    '/admin',
    '/i/SOME-INVITATION-TOKEN',
    '/i',
    '/c/SOME-COLLECTOR-TOKEN',
    '/c',
    '/no/such/page',
  ])('nothing else: %s asks for the PIN', (path) => {
    expect(isAllowed(parseRoute(path), MINE)).toBe(false);
  });

  it('with nobody holding the device, every address opens', () => {
    for (const path of ['/', '/innsamling', `/svar/${OTHER}`, '/admin', '/c/T'])
      expect(isAllowed(parseRoute(path), null)).toBe(true);
  });
});

describe('waiting after wrong PINs', () => {
  it('costs nothing for the first five in a row, then 30 s doubling to at most 15 minutes', () => {
    expect(FREE_PIN_TRIES).toBe(5);
    expect([0, 1, 4].map(pinWaitMs)).toEqual([0, 0, 0]);
    expect([5, 6, 7, 8, 9, 10, 50].map(pinWaitMs)).toEqual([
      30_000, 60_000, 120_000, 240_000, 480_000, 900_000, 900_000,
    ]);
  });

  it('counts from the last wrong PIN', () => {
    expect(nextTryAt(null)).toBe(0);
    expect(nextTryAt({ count: 4, lastAt: 1000 })).toBe(0);
    expect(nextTryAt({ count: 5, lastAt: 1000 })).toBe(31_000);
    expect(nextTryAt({ count: 6, lastAt: 1000 })).toBe(61_000);
  });

  it('says a wait in whole seconds below a minute, else in whole minutes, rounded up', () => {
    expect(waitParts(30_000)).toEqual({ unit: 'seconds', count: 30 });
    expect(waitParts(1)).toEqual({ unit: 'seconds', count: 1 });
    expect(waitParts(59_001)).toEqual({ unit: 'minutes', count: 1 });
    expect(waitParts(90_000)).toEqual({ unit: 'minutes', count: 2 });
    expect(waitParts(900_000)).toEqual({ unit: 'minutes', count: 15 });
  });
});
