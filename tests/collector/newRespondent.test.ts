import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { pinChoiceErrors, respondentChoiceErrors } from '../../src/features/collector/forms.ts';
import {
  LABEL_MAX_LENGTH,
  newRespondent,
  respondentToken,
  type RandomSource,
} from '../../src/features/collector/newRespondent.ts';
import { UUID } from '../../src/contract/ids.ts';

const random = webcrypto as unknown as RandomSource;

describe('«Ny respondent»', () => {
  it('the label is required, trimmed and at most 100 characters', () => {
    expect(respondentChoiceErrors({ label: '   ', questionnaireId: 'q' })).toEqual({
      label: 'required',
    });
    expect(
      respondentChoiceErrors({ label: ` ${'x'.repeat(LABEL_MAX_LENGTH)} `, questionnaireId: 'q' }),
    ).toEqual({});
    expect(
      respondentChoiceErrors({ label: 'x'.repeat(LABEL_MAX_LENGTH + 1), questionnaireId: 'q' }),
    ).toEqual({ label: 'too_long' });
  });

  it('makes a fresh UUID and a 256-bit base64url token for each respondent, and stores the label trimmed', () => {
    const a = newRespondent(
      { label: '  Bakeriet på hjørnet ', questionnaire: { id: 'q', version: 2 } },
      random,
      1234,
    );
    const b = newRespondent({ label: 'B', questionnaire: { id: 'q', version: 2 } }, random, 1234);
    expect(a).toMatchObject({
      label: 'Bakeriet på hjørnet',
      questionnaire: { id: 'q', version: 2 },
      now: 1234,
    });
    expect(a.responseId).toMatch(UUID);
    expect(a.responseId).not.toBe(b.responseId);
    expect(a.respondentToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.respondentToken).not.toBe(b.respondentToken);
  });

  it('the token carries all 32 random bytes', () => {
    const bytes = Uint8Array.from({ length: 32 }, (_, i) => (i * 37 + 251) % 256);
    const token = respondentToken({
      getRandomValues: <T extends Uint8Array<ArrayBuffer>>(array: T) => {
        array.set(bytes);
        return array;
      },
    });
    expect(Buffer.from(token, 'base64url')).toEqual(Buffer.from(bytes));
  });
});

describe('choosing the PIN', () => {
  it('names the rule the first PIN breaks, then whether the two agree', () => {
    expect(pinChoiceErrors({ pin: '12a456', again: '12a456' })).toEqual({ pin: 'not_digits' });
    expect(pinChoiceErrors({ pin: '48291', again: '48291' })).toEqual({ pin: 'too_short' });
    expect(pinChoiceErrors({ pin: '123456', again: '123456' })).toEqual({ pin: 'too_simple' });
    expect(pinChoiceErrors({ pin: '482915', again: '482951' })).toEqual({ again: 'mismatch' });
    expect(pinChoiceErrors({ pin: '482915', again: '482915' })).toEqual({});
  });
});
