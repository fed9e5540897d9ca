import { liveQuery } from 'dexie';
import type { BarometerDatabase } from './database.ts';
import type { DraftRecord, OutboxRecord } from './schema.ts';

/**
 * A draft and its outbox row, live: `listener` hears what is stored now and
 * again after every commit that touches either, made by this page, another
 * tab, the answer worker or the sender (Dexie's `liveQuery`).
 */
export function watchDraft(
  db: BarometerDatabase,
  draftId: string,
  listener: (stored: { draft: DraftRecord | undefined; outbox: OutboxRecord | undefined }) => void,
): () => void {
  const subscription = liveQuery(() =>
    db.transaction('r', db.drafts, db.outbox, async () => {
      const [draft, outbox] = await Promise.all([db.drafts.get(draftId), db.outbox.get(draftId)]);
      return { draft, outbox };
    }),
  ).subscribe({
    next: listener,
    // A failed read leaves the last state on screen; the next commit reads again.
    error: () => undefined,
  });
  return () => subscription.unsubscribe();
}
