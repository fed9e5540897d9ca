import { withEntry, type AnswerValue } from '../engine/index.ts';
import type { DraftRecord, OutboxRecord } from './schema.ts';

/**
 * What the app stores and how a change turns one stored record into the
 * next: plain functions and errors, without Dexie, so the screens on the way
 * to the first question can use them before the database code is loaded.
 */
export const DATABASE_NAME = 'barometer';

/** The outbox row of a draft that has never been sent. */
export function unsentOutbox(responseId: string, revision: number): OutboxRecord {
  return {
    responseId,
    queuedRevision: revision,
    sentRevision: 0,
    sentAt: null,
    attempts: 0,
    nextAttemptAt: 0,
    problem: null,
    mergedFromServer: 0,
  };
}

/** The draft is gone: storage was cleared or the row was removed. */
export class DraftMissingError extends Error {
  constructor(readonly draftId: string) {
    super(`draft ${draftId} is not in this device's storage`);
    this.name = 'DraftMissingError';
  }
}

/** A submitted response is not changed on the device. */
export class DraftSubmittedError extends Error {
  constructor(readonly draftId: string) {
    super(`draft ${draftId} is already submitted`);
    this.name = 'DraftSubmittedError';
  }
}

export type StorageProblem = 'quota' | 'missing' | 'submitted' | 'unavailable';

/** A write made in the answer worker failed; the worker already said why (`answerChannel.ts`). */
export class AnswerWriteError extends Error {
  constructor(
    readonly problem: StorageProblem,
    message: string,
  ) {
    super(message);
    this.name = 'AnswerWriteError';
  }
}

/** Turns any storage failure into what the person is told. */
export function classifyStorageError(error: unknown): StorageProblem {
  if (error instanceof DraftMissingError) return 'missing';
  if (error instanceof DraftSubmittedError) return 'submitted';
  if (error instanceof AnswerWriteError) return error.problem;
  const names = new Set<string>();
  for (
    let e: unknown = error;
    e instanceof Error && names.size < 5;
    e = (e as { inner?: unknown }).inner
  ) {
    names.add(e.name);
  }
  // Dexie passes the browser's error name on (its `errnames.QuotaExceeded` is the same string).
  if (names.has('QuotaExceededError')) return 'quota';
  return 'unavailable';
}

/** The stored draft a change may be made to: it is there and not yet submitted. */
export function writableDraft(draftId: string, draft: DraftRecord | undefined): DraftRecord {
  if (!draft) throw new DraftMissingError(draftId);
  if (draft.status === 'submitted') throw new DraftSubmittedError(draftId);
  return draft;
}

/** `null` clears an answer. */
export type AnswerChanges = Readonly<Record<string, AnswerValue | null>>;

/** The draft after these answers were given at `now`: one revision further. */
export function applyAnswerChanges(
  draft: DraftRecord,
  changes: AnswerChanges,
  now: number,
): DraftRecord {
  let answers = draft.answers;
  const answeredAt = { ...draft.answeredAt };
  for (const [questionId, value] of Object.entries(changes)) {
    answers = withEntry(answers, questionId, value);
    answeredAt[questionId] = now;
  }
  return { ...draft, answers, answeredAt, revision: draft.revision + 1, updatedAt: now };
}

/** The draft `create` stores: what a screen can show before the write has committed. */
export function newDraftRecord(
  questionnaire: { id: string; version: number },
  draftId: string,
  now: number,
): DraftRecord {
  return {
    id: draftId,
    questionnaireId: questionnaire.id,
    questionnaireVersion: questionnaire.version,
    answers: {},
    answeredAt: {},
    page: null,
    status: 'draft',
    revision: 0,
    createdAt: now,
    updatedAt: now,
    submittedAt: null,
    migratedFrom: null,
  };
}

/** SY1: the saved revision must reach the server; a waiting retry is brought forward. */
export function queuedRow(draft: DraftRecord, current: OutboxRecord | undefined): OutboxRecord {
  const base = current ?? unsentOutbox(draft.id, draft.revision);
  return { ...base, queuedRevision: draft.revision, nextAttemptAt: 0, attempts: 0, problem: null };
}

/** SY6: the server acknowledged the revision the draft is at now. */
export function isAcknowledged(draft: DraftRecord, row: OutboxRecord | undefined): boolean {
  return row !== undefined && row.sentAt !== null && row.sentRevision >= draft.revision;
}

/**
 * Where a response stands on its way to the server, in the words the person
 * sees (SYNC.md SY12): on this device only, backed up as a draft, submitted
 * but not yet acknowledged, submitted and acknowledged, or refused in a way
 * only the survey owner can fix. Here in storage so that
 * storage's own decisions (a collector's roster, what may be removed or
 * forgotten) use the rule the person is shown (`src/session/delivery.ts`).
 */
export type Delivery =
  | { readonly kind: 'device' }
  | { readonly kind: 'backedUp'; readonly at: number }
  | { readonly kind: 'submitting' }
  | { readonly kind: 'submitted'; readonly at: number }
  | { readonly kind: 'attention'; readonly problem: string };

export function deliveryOf(
  draft: DraftRecord | undefined,
  row: OutboxRecord | undefined,
): Delivery {
  if (!draft) return { kind: 'device' };
  const at = row?.sentAt ?? null;
  const isDelivered = at !== null && isAcknowledged(draft, row);
  if (draft.status === 'submitted') {
    if (isDelivered) return { kind: 'submitted', at };
    return row?.problem ? { kind: 'attention', problem: row.problem } : { kind: 'submitting' };
  }
  if (row?.problem) return { kind: 'attention', problem: row.problem };
  // A backup of an older revision is not a backup of what is on screen.
  return isDelivered ? { kind: 'backedUp', at } : { kind: 'device' };
}
