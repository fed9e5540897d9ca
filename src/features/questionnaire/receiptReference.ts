import { isResponseId } from '../../contract/ids.ts';

/**
 * The short reference on the receipt, which a respondent can read out or
 * type to the survey owner: the first 8 hex digits of the response id,
 * upper-case, in two groups of four («3f2a91c0-…» → «3F2A-91C0»).
 *
 * Why this rule: the id is the response's id on the server too, so the owner
 * finds the response without a lookup table: the export's `svar_id` column
 * starts with the same eight digits (ignore the dash and the case). Hex has
 * no O, I or L, so nothing is misread as 0 or 1. The response id is not a
 * credential (the device's bearer token is), so showing part of it gives no
 * one access to anything.
 *
 * Collision odds: in a version-4 UUID those 32 bits are random, so among n
 * responses the chance that any two share a reference is about
 * 1 − e^(−n(n−1)/2³³): 0.01 % for 1,000 responses, 1.2 % for 10,000, one in
 * two only at about 77,000. A shared reference is told apart by the
 * submitted time on the same receipt; the reference is a finding aid, not a
 * key.
 *
 * Returns null for anything that is not a response id (an old or hand-made
 * address), so no made-up reference is ever shown.
 */
export function receiptReference(responseId: string): string | null {
  if (!isResponseId(responseId)) return null;
  const digits = responseId.slice(0, 8).toUpperCase();
  return `${digits.slice(0, 4)}-${digits.slice(4)}`;
}
