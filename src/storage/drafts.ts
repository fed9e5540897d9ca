import { openDatabase, type BarometerDatabase } from './database.ts';
import {
  applyAnswerChanges,
  newDraftRecord,
  queuedRow,
  unsentOutbox,
  writableDraft,
  type AnswerChanges,
} from './records.ts';
import type { DraftRecord } from './schema.ts';

export * from './records.ts';

/**
 * Adds a new draft and its outbox row (nothing to send before the first
 * answer). Inside a caller's transaction that names both tables it is part of
 * that transaction (a collector's new respondent, `collector.ts`).
 */
export async function addDraft(db: BarometerDatabase, draft: DraftRecord): Promise<void> {
  await db.transaction('rw', db.drafts, db.outbox, async () => {
    await db.drafts.add(draft);
    await db.outbox.put(unsentOutbox(draft.id, 0));
  });
}

/** A draft's move to a newer questionnaire version (VE1): `carry` keeps the answers that fit. */
export interface VersionMove {
  readonly from: number;
  readonly to: number;
  readonly carry: (answers: DraftRecord['answers']) => {
    readonly answers: DraftRecord['answers'];
    readonly dropped: readonly string[];
  };
}

/**
 * Drafts of responses in IndexedDB (`barometer.drafts`): created on start,
 * written answer by answer, marked submitted with strict durability.
 */

export interface DraftStore {
  create(
    questionnaire: { id: string; version: number },
    draftId: string,
    now: number,
  ): Promise<DraftRecord>;
  get(draftId: string): Promise<DraftRecord | undefined>;
  list(): Promise<DraftRecord[]>;
  saveAnswers(draftId: string, changes: AnswerChanges, now: number): Promise<DraftRecord>;
  setPage(draftId: string, page: string, now: number): Promise<DraftRecord>;
  submit(draftId: string, now: number): Promise<DraftRecord>;
  /**
   * VE1: moves an open draft from questionnaire version `from` to `to` with the answers that
   * still fit. `carry` runs inside the transaction, on the answers as stored then, so an answer
   * written a moment earlier (by the worker or another tab) moves too. Undefined, and nothing
   * written, when the draft is gone, submitted or no longer on `from` (another tab moved it).
   */
  moveToVersion(draftId: string, move: VersionMove, now: number): Promise<DraftRecord | undefined>;
  /** Writes a whole draft back, e.g. from memory after the storage was cleared. */
  restore(draft: DraftRecord): Promise<void>;
  readonly db: BarometerDatabase;
}

export function createDraftStore(
  db: BarometerDatabase = openDatabase(),
  strictDb?: BarometerDatabase,
): DraftStore {
  // The strict connection is only for submitting; it is made then, not on the way to the first question.
  let strict = strictDb;
  const strictConnection = () => (strict ??= openDatabase({ durability: 'strict' }));
  /** Read-modify-write in one transaction, so two tabs never overwrite each other's answers. */
  const update = (
    store: BarometerDatabase,
    draftId: string,
    change: (draft: DraftRecord) => DraftRecord,
  ) =>
    store.transaction('rw', store.drafts, store.outbox, async () => {
      // Both reads, then both writes, at once: each round trip waits for the page's main thread.
      const [draft, queued] = await Promise.all([
        store.drafts.get(draftId),
        store.outbox.get(draftId),
      ]);
      const current = writableDraft(draftId, draft);
      const next = change(current);
      await Promise.all([
        store.drafts.put(next),
        next.revision === current.revision ? null : store.outbox.put(queuedRow(next, queued)),
      ]);
      return next;
    });

  return {
    db,
    async create(questionnaire, draftId, now) {
      const draft = newDraftRecord(questionnaire, draftId, now);
      await addDraft(db, draft);
      return draft;
    },
    get: (draftId) => db.drafts.get(draftId),
    list: () => db.drafts.orderBy('updatedAt').reverse().toArray(),
    saveAnswers: (draftId, changes, now) =>
      update(db, draftId, (draft) => applyAnswerChanges(draft, changes, now)),
    setPage: (draftId, page, now) =>
      update(db, draftId, (draft) =>
        draft.page === page ? draft : { ...draft, page, updatedAt: now },
      ),
    submit: (draftId, now) =>
      update(strictConnection(), draftId, (draft) => ({
        ...draft,
        status: 'submitted',
        submittedAt: now,
        revision: draft.revision + 1,
        updatedAt: now,
      })),
    moveToVersion: (draftId, move, now) =>
      db.transaction('rw', db.drafts, db.outbox, async () => {
        const [draft, queued] = await Promise.all([db.drafts.get(draftId), db.outbox.get(draftId)]);
        if (draft?.status !== 'draft' || draft.questionnaireVersion !== move.from) return undefined;
        const carried = move.carry(draft.answers);
        const next: DraftRecord = {
          ...draft,
          questionnaireVersion: move.to,
          answers: carried.answers,
          answeredAt: Object.fromEntries(
            Object.entries(draft.answeredAt).filter(([id]) => !carried.dropped.includes(id)),
          ),
          migratedFrom: { version: move.from, dropped: carried.dropped },
          revision: draft.revision + 1,
          updatedAt: now,
        };
        await Promise.all([db.drafts.put(next), db.outbox.put(queuedRow(next, queued))]);
        return next;
      }),
    async restore(draft) {
      await db.transaction('rw', db.drafts, db.outbox, async () => {
        const queued = await db.outbox.get(draft.id);
        await Promise.all([db.drafts.put(draft), db.outbox.put(queuedRow(draft, queued))]);
      });
    },
  };
}
