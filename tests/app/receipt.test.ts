import { describe, expect, it } from 'vitest';
import { receiptReference } from '../../src/features/questionnaire/receiptReference.ts';
import { osloDateAndTime } from '../../src/features/questionnaire/receiptTime.ts';

describe('the receipt reference', () => {
  it('is the first eight hex digits of the response id, upper-case, in two groups of four', () => {
    expect(receiptReference('3f2a91c0-5b7e-4c1d-9a2b-0123456789ab')).toBe('3F2A-91C0');
    expect(receiptReference('00000000-0000-4000-8000-000000000000')).toBe('0000-0000');
  });

  it('is the same for the same id and differs when those digits differ', () => {
    const id = 'a1b2c3d4-1111-4111-8111-111111111111';
    expect(receiptReference(id)).toBe(receiptReference(id));
    expect(receiptReference('a1b2c3d5-1111-4111-8111-111111111111')).not.toBe(receiptReference(id));
  });

  it('is found again in the owner’s export: the svar_id starts with its digits', () => {
    const id = 'deadbeef-0000-4000-8000-000000000001';
    const reference = receiptReference(id);
    expect(reference).not.toBeNull();
    expect(id.startsWith((reference ?? '').replace('-', '').toLowerCase())).toBe(true);
  });

  it('is null for anything that is not a response id, so no made-up reference is shown', () => {
    expect(receiptReference('')).toBeNull();
    expect(receiptReference('not-a-uuid')).toBeNull();
    expect(receiptReference('3F2A91C0-5B7E-4C1D-9A2B-0123456789AB')).toBeNull();
    expect(receiptReference('3f2a91c0')).toBeNull();
  });
});

describe('the receipt’s date and time', () => {
  it('is Norwegian time in summer (UTC+2) and winter (UTC+1), whatever the device’s zone', () => {
    expect(osloDateAndTime(Date.UTC(2025, 4, 14, 12, 3), ['nb'])).toEqual({
      date: '14. mai 2025',
      time: '14:03',
    });
    // Half past eleven on New Year's night in UTC is already the next day in Oslo.
    expect(osloDateAndTime(Date.UTC(2024, 11, 31, 23, 30), ['nb'])).toEqual({
      date: '1. januar 2025',
      time: '00:30',
    });
  });

  it('formats Nynorsk through the nb fallback when the runtime has no nn data', () => {
    expect(osloDateAndTime(Date.UTC(2025, 4, 14, 12, 3), ['nn', 'nb']).date).toBe('14. mai 2025');
  });
});
