import type { CollectorStore } from '../../storage/lazy.ts';
import { nextTryAt } from './gate.ts';
import { isPin, type PinCrypto } from './pin.ts';

/**
 * The collector takes the device back from a respondent with the PIN. Wrong
 * PINs are counted in IndexedDB with the enrolment, so a reload does not
 * start the count over; past five in a row each try waits longer (`gate.ts`).
 * Nothing here keeps an "unlocked" flag: the device is open because the
 * store says nobody has it, and a respondent has it until the right PIN.
 */
export interface TakeBackDeps {
  readonly store: Pick<CollectorStore, 'getEnrolment' | 'takeBack' | 'recordWrongPin'>;
  readonly crypto: PinCrypto;
  readonly now: () => number;
}

export type TakeBackOutcome =
  | { readonly kind: 'taken' }
  /** `nextTryAt` is 0 when the next try may come at once. */
  | { readonly kind: 'wrong'; readonly count: number; readonly nextTryAt: number }
  /** Too soon after the last wrong PIN: not checked, not counted. */
  | { readonly kind: 'wait'; readonly count: number; readonly nextTryAt: number };

/** The wait in force when the prompt opens (after a reload, say), or null. */
export async function waitInForce(
  deps: Pick<TakeBackDeps, 'store' | 'now'>,
): Promise<{ count: number; nextTryAt: number } | null> {
  const wrongPins = (await deps.store.getEnrolment())?.wrongPins ?? null;
  const at = nextTryAt(wrongPins);
  return wrongPins && at > deps.now() ? { count: wrongPins.count, nextTryAt: at } : null;
}

export async function tryTakeBack(deps: TakeBackDeps, pin: string): Promise<TakeBackOutcome> {
  const enrolment = await deps.store.getEnrolment();
  const wrongPins = enrolment?.wrongPins ?? null;
  const waitUntil = nextTryAt(wrongPins);
  if (wrongPins && waitUntil > deps.now())
    return { kind: 'wait', count: wrongPins.count, nextTryAt: waitUntil };
  // Without a stored PIN nothing opens the device (handing over needs one, so this is a damaged row).
  if (enrolment?.pin && (await isPin(deps.crypto, pin, enrolment.pin))) {
    await deps.store.takeBack(deps.now());
    return { kind: 'taken' };
  }
  const now = deps.now();
  const count = await deps.store.recordWrongPin(now);
  return { kind: 'wrong', count, nextTryAt: nextTryAt({ count, lastAt: now }) };
}
