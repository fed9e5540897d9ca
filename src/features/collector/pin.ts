import type { PinRecord } from '../../storage/lazy.ts';

/**
 * The collector's PIN, kept on the device only as a salted slow hash
 * (PBKDF2-SHA-256 through WebCrypto): anyone holding the tablet can read
 * IndexedDB, so the PIN itself is never stored. The hash guards a shared
 * device against the next respondent, not against its owner's forensics; a
 * 4-digit PIN falls to a patient attacker with the database file in any case,
 * which is why it must be at least 6 digits and the device's own lock still
 * matters. Stored as `PinRecord`: base64 of a 16-byte salt and of the
 * 32-byte PBKDF2 output.
 */
export type PinHash = PinRecord;

/** What the PIN functions need from WebCrypto (`crypto` in the browser and in Node 20). */
export interface PinCrypto {
  readonly subtle: Pick<SubtleCrypto, 'importKey' | 'deriveBits'>;
  getRandomValues<T extends Uint8Array<ArrayBuffer>>(array: T): T;
}

/** About 100 ms on a mid-range phone: slow for guessing, quick enough for a person. */
export const PIN_ITERATIONS = 210_000;
export const PIN_MIN_LENGTH = 6;
export const PIN_MAX_LENGTH = 12;

export type PinProblem = 'too_short' | 'too_long' | 'not_digits' | 'too_simple';

/** Why a new PIN cannot be used, or null: 6–12 digits, not all one digit, not a plain run. */
export function pinProblem(pin: string): PinProblem | null {
  if (!/^\d*$/.test(pin)) return 'not_digits';
  if (pin.length < PIN_MIN_LENGTH) return 'too_short';
  if (pin.length > PIN_MAX_LENGTH) return 'too_long';
  const digits = Array.from({ length: pin.length }, (_, i) => pin.charCodeAt(i) - 48);
  const steps = new Set(digits.slice(1).map((d, i) => (d - (digits[i] ?? 0) + 10) % 10));
  // 000000, 123456, 987654: the first guesses anyone tries.
  if (steps.size === 1 && (steps.has(0) || steps.has(1) || steps.has(9))) return 'too_simple';
  return null;
}

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string): Uint8Array<ArrayBuffer> =>
  Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

async function derive(
  crypto: PinCrypto,
  pin: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    key,
    256,
  );
  return new Uint8Array(bits);
}

export async function hashPin(
  crypto: PinCrypto,
  pin: string,
  iterations = PIN_ITERATIONS,
): Promise<PinHash> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await derive(crypto, pin, salt, iterations);
  return { salt: toBase64(salt), iterations, hash: toBase64(hash) };
}

/** Whether `pin` is the one hashed; compares every byte, whatever the first difference. */
export async function isPin(crypto: PinCrypto, pin: string, stored: PinHash): Promise<boolean> {
  const expected = fromBase64(stored.hash);
  const actual = await derive(crypto, pin, fromBase64(stored.salt), stored.iterations);
  if (actual.length !== expected.length) return false;
  let difference = 0;
  for (let i = 0; i < actual.length; i++) difference |= (actual[i] ?? 0) ^ (expected[i] ?? 0);
  return difference === 0;
}
