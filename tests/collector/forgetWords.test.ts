import { describe, expect, it } from 'vitest';
import { forgetCheck, unsafeReason, unsafeText } from '../../src/features/collector/forgetWords.ts';
import { line } from './rosterLines.ts';
import { wordTools } from './tablet.ts';

describe('«Glem denne enheten» only when every response is acknowledged or exported', () => {
  it('acknowledged, exported at its revision, removed after acknowledgement or never answered: nothing to lose', () => {
    const safe = [
      line(1, { status: 'submitted', revision: 3, acknowledged: 3 }),
      line(2, { status: 'draft', revision: 2, acknowledged: 2 }),
      line(3, { status: 'submitted', revision: 3, exported: 3 }),
      line(4, { removed: true }),
      line(5, { revision: 0 }),
    ];
    expect(safe.map(unsafeReason)).toEqual([null, null, null, null, null]);
    expect(forgetCheck(safe)).toEqual({ kind: 'allowed', responses: 5, lost: [] });
    expect(forgetCheck([])).toEqual({ kind: 'allowed', responses: 0, lost: [] });
  });

  it('a lost response does not stand in the way (its answers are gone already) but is named', () => {
    const roster = [
      line(1, { status: 'submitted', revision: 3, acknowledged: 3 }),
      line(7, { lost: true }),
    ];
    expect(unsafeReason(roster[1]!)).toBeNull();
    expect(forgetCheck(roster)).toEqual({
      kind: 'allowed',
      responses: 2,
      lost: ['Arbeidsplass 7'],
    });
  });

  it('names each respondent in the way by label, with why', () => {
    const roster = [
      line(1, { status: 'submitted', revision: 3, acknowledged: 3 }),
      line(2, { status: 'submitted', revision: 2, problem: 'invalid_answers' }),
      line(3, { status: 'draft', revision: 4, exported: 3 }),
      line(4, { status: 'submitted', revision: 3, acknowledged: 2 }),
      line(5, { status: 'draft', revision: 2 }),
      // Backed up once, changed since: the server has an older revision only.
      line(6, { status: 'draft', revision: 5, acknowledged: 4 }),
    ];
    const check = forgetCheck(roster);
    expect(check.kind).toBe('blocked');
    const unsafe = check.kind === 'blocked' ? check.unsafe : [];
    expect(unsafe.map((u) => [u.label, u.reason])).toEqual([
      ['Arbeidsplass 2', 'refused'],
      ['Arbeidsplass 3', 'changedSinceExport'],
      ['Arbeidsplass 4', 'completedNotSent'],
      ['Arbeidsplass 5', 'notSent'],
      ['Arbeidsplass 6', 'notSent'],
    ]);
    expect(unsafe.map((u) => u.responseId)).toEqual(
      roster.slice(1).map((e) => e.respondent.responseId),
    );
  });

  it('says it as «label: why» in both languages', () => {
    const check = forgetCheck([line(3, { revision: 4, exported: 3 })]);
    const respondent = check.kind === 'blocked' ? check.unsafe[0] : undefined;
    expect(respondent).toBeDefined();
    if (!respondent) return;
    expect(unsafeText(wordTools(), respondent)).toBe(
      'Arbeidsplass 3: endret etter at eksportfilen ble lagret',
    );
    expect(unsafeText(wordTools('nn'), respondent)).toBe(
      'Arbeidsplass 3: endra etter at eksportfila vart lagra',
    );
  });
});
