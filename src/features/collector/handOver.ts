import { navigate } from '../../platform/router.ts';
import { collector } from '../../storage/lazy.ts';
import { holderChanged } from './deviceHolder.ts';
import { newRespondent } from './newRespondent.ts';

/**
 * Handing the device to a respondent (kept in IndexedDB by the collector
 * store, so a reload does not open it) and opening their answers: from then
 * on the app's gate shows only their response until the collector's PIN.
 */
export async function handOverTo(responseId: string): Promise<void> {
  const store = await collector();
  await store.handOver(responseId);
  // The gate judges the next address by the hand-over, not by the state a live query brings later.
  holderChanged(await store.getEnrolment());
  navigate({ name: 'answer', draftId: responseId, sectionId: null });
}

/** «Ny respondent»: a fresh response for them, then the device is theirs. */
export async function startAndHandOver(form: {
  readonly label: string;
  readonly questionnaire: { readonly id: string; readonly version: number };
}): Promise<void> {
  const start = newRespondent(form, crypto, Date.now());
  await (await collector()).startRespondent(start);
  await handOverTo(start.responseId);
}
