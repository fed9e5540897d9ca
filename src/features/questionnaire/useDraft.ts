import { useEffect } from 'react';
import { useLiveQueryAfterPaint } from '../../platform/useLiveQueryAfterPaint.ts';
import { readDraftDirect, type DraftRecord } from '../../storage/lazy.ts';

/** Drafts this page has just read or written, so their screen renders without waiting a query. */
const known = new Map<string, DraftRecord>();

export function rememberDraft(draft: DraftRecord) {
  known.set(draft.id, draft);
}

/** Reads a draft as the app starts on its deep link, while React and the questionnaire load. */
export function readDraftEarly(draftId: string): Promise<DraftRecord | undefined> {
  return readDraftDirect(draftId).then((draft) => {
    if (draft) rememberDraft(draft);
    return draft;
  });
}

/** The draft, live across tabs: undefined while loading, null when not on this device. */
export function useDraft(draftId: string): DraftRecord | null | undefined {
  const live = useLiveQueryAfterPaint(
    async (storage) => (await storage.draftStore().get(draftId)) ?? null,
    [draftId],
  );
  // Once the live query has answered, it is the only source: a remembered copy could be stale.
  useEffect(() => {
    if (live !== undefined) known.delete(draftId);
  }, [live, draftId]);
  return live === undefined ? known.get(draftId) : live;
}
