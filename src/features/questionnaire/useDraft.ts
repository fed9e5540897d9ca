import { draftStore, useLiveQuery, type DraftRecord } from '../../storage/index.ts';

/** The draft, live across tabs: undefined while loading, null when not on this device. */
export function useDraft(draftId: string): DraftRecord | null | undefined {
  return useLiveQuery(async () => (await draftStore().get(draftId)) ?? null, [draftId]);
}
