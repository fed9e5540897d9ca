import { mergeAnswers, type Answers } from '../engine/index.ts';
import type { BarometerDatabase } from './database.ts';
import { unsentOutbox } from './records.ts';
import type { CredentialRecord, DraftRecord, OutboxRecord } from './schema.ts';

/**
 * The outbox (`barometer.outbox`) and the response credentials
 * (`barometer.credentials`) in IndexedDB: what must still reach the server,
 * and the token that lets this device send it (for a collected response
 * also the respondent's token, from `barometer.respondents`, to hash).
 */

export interface ServerCopy {
  readonly questionnaireVersion: number;
  readonly status: 'draft' | 'submitted';
  readonly version: number;
  readonly answers: Answers;
  readonly answeredAt: Readonly<Record<string, number>>;
}

export function createOutbox(db: BarometerDatabase) {
  return {
    /** Rows with a revision the server has not acknowledged, due now (problems included, on their slow schedule). */
    async due(now: number): Promise<OutboxRecord[]> {
      const rows = await db.outbox.where('nextAttemptAt').belowOrEqual(now).toArray();
      return rows.filter((r) => r.queuedRevision > r.sentRevision);
    },

    get: (responseId: string) => db.outbox.get(responseId),
    all: () => db.outbox.toArray(),

    async markSent(responseId: string, revision: number, now: number) {
      await db.transaction('rw', db.outbox, async () => {
        const row = await db.outbox.get(responseId);
        if (!row) return;
        await db.outbox.put({
          ...row,
          sentRevision: Math.max(row.sentRevision, revision),
          sentAt: now,
          attempts: 0,
          nextAttemptAt: 0,
          problem: null,
        });
      });
    },

    /** A failure that may pass (network, 5xx, captive portal): try again later. */
    async markRetry(responseId: string, nextAttemptAt: number) {
      await db.transaction('rw', db.outbox, async () => {
        const row = await db.outbox.get(responseId);
        if (row) await db.outbox.put({ ...row, attempts: row.attempts + 1, nextAttemptAt });
      });
    },

    /** The network is back: whatever waits for a retry may go now. */
    async retryNow() {
      await db.outbox.where('nextAttemptAt').above(0).modify({ nextAttemptAt: 0 });
    },

    /**
     * A 4xx that retrying is not expected to fix: show it, and try again only
     * at `nextAttemptAt` (a slow schedule), so an answer is never abandoned
     * on the server's word alone. A new save or an acknowledgement clears it.
     */
    async markProblem(responseId: string, problem: string, nextAttemptAt: number) {
      await db.outbox.update(responseId, { problem, nextAttemptAt });
    },

    async clearProblem(responseId: string) {
      await db.outbox.update(responseId, { problem: null, nextAttemptAt: 0, attempts: 0 });
    },

    credential: (responseId: string) => db.credentials.get(responseId),
    /** A collected response's respondent token, whose SHA-256 its saves carry (SY16). */
    respondentToken: (responseId: string): Promise<string | undefined> =>
      db.respondents.get(responseId).then((r) => r?.respondentToken),
    saveCredential: (credential: CredentialRecord) =>
      db.credentials.put(credential).then(() => undefined),

    /**
     * MG1: merges the server's copy into the local draft answer by answer.
     * A copy submitted elsewhere is taken as it is. Returns how many answers
     * came from the other device.
     */
    async applyServerCopy(responseId: string, copy: ServerCopy, now: number): Promise<number> {
      return db.transaction('rw', db.drafts, db.outbox, async () => {
        const draft = await db.drafts.get(responseId);
        const row = (await db.outbox.get(responseId)) ?? unsentOutbox(responseId, 0);
        if (!draft) return 0;
        if (copy.status === 'submitted') {
          await db.drafts.put({
            ...draft,
            answers: copy.answers,
            answeredAt: copy.answeredAt,
            status: 'submitted',
            submittedAt: draft.submittedAt ?? now,
            revision: copy.version,
            questionnaireVersion: copy.questionnaireVersion,
            updatedAt: now,
          });
          await db.outbox.put({
            ...row,
            queuedRevision: copy.version,
            sentRevision: copy.version,
            sentAt: now,
            problem: null,
          });
          return 0;
        }
        const merged = mergeAnswers(draft, copy);
        // Nothing new from the server and it holds no later version: a pull changes nothing.
        if (merged.fromOther.length === 0 && copy.version <= draft.revision) return 0;
        const revision = Math.max(draft.revision, copy.version) + 1;
        const next: DraftRecord = {
          ...draft,
          answers: merged.answers,
          answeredAt: merged.answeredAt,
          revision,
          updatedAt: now,
        };
        await db.drafts.put(next);
        await db.outbox.put({
          ...row,
          queuedRevision: revision,
          sentRevision: Math.max(row.sentRevision, copy.version),
          nextAttemptAt: 0,
          attempts: 0,
          problem: null,
          mergedFromServer: merged.fromOther.length,
        });
        return merged.fromOther.length;
      });
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
