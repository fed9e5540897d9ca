import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashPin, isPin, pinProblem, type PinCrypto } from '../../src/features/collector/pin.ts';

const crypto = webcrypto as unknown as PinCrypto;
// Fewer rounds than on a device: the tests check the rule, not the cost.
const FAST = 1000;

describe('the collector PIN', () => {
  it('is stored as a salted hash that the PIN, and only the PIN, matches', async () => {
    const stored = await hashPin(crypto, '482915', FAST);
    expect(JSON.stringify(stored)).not.toContain('482915');
    expect(await isPin(crypto, '482915', stored)).toBe(true);
    expect(await isPin(crypto, '482916', stored)).toBe(false);
    expect(await isPin(crypto, '', stored)).toBe(false);
    expect(await isPin(crypto, '4829150', stored)).toBe(false);
  });

  it('gets a new salt each time, so two devices with one PIN store different hashes', async () => {
    const a = await hashPin(crypto, '482915', FAST);
    const b = await hashPin(crypto, '482915', FAST);
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
    expect(await isPin(crypto, '482915', b)).toBe(true);
  });

  it('is checked with the rounds it was stored with', async () => {
    const stored = await hashPin(crypto, '482915', FAST);
    expect(await isPin(crypto, '482915', { ...stored, iterations: FAST + 1 })).toBe(false);
  });

  it('refuses PINs that are short, long, not digits or the first ones anyone would guess', () => {
    expect(pinProblem('12345')).toBe('too_short');
    expect(pinProblem('1234567890123')).toBe('too_long');
    expect(pinProblem('48a915')).toBe('not_digits');
    expect(pinProblem('000000')).toBe('too_simple');
    expect(pinProblem('123456')).toBe('too_simple');
    expect(pinProblem('987654')).toBe('too_simple');
    expect(pinProblem('890123')).toBe('too_simple');
    expect(pinProblem('482915')).toBeNull();
    expect(pinProblem('112233')).toBeNull();
  });
});
