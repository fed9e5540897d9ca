import type { BarometerDatabase } from './database.ts';
import { addDraft } from './drafts.ts';
import {
  CollectorError,
  enrolmentOf,
  removalOf,
  rosterEntry,
  type RemoveOutcome,
  type RosterEntry,
} from './collected.ts';
import { newDraftRecord } from './records.ts';
import type { CollectorRecord, DraftRecord, PinRecord, RespondentRecord } from './schema.ts';

/**
 * A collector device's own records in IndexedDB (`barometer.collector`,
 * `barometer.respondents`; SYNC.md SY14–SY19): its enrolment, one row per
 * response collected here, and the rules for letting answers leave the device.
 * The collected responses themselves are ordinary drafts with outbox rows and
 * credentials, so the sender treats them like any other.
 */

/** What the server said at enrolment (SY15) with the token and when; a PIN and settings may follow. */
export type NewEnrolment = Omit<CollectorRecord, 'pin' | 'keepReadOnlyCopies' | DeviceState> &
  Partial<Pick<CollectorRecord, 'pin' | 'keepReadOnlyCopies'>>;

/** Who has the device: never set by enrolment. */
type DeviceState = 'activeRespondent' | 'wrongPins';

export type EnrolOutcome =
  | { readonly kind: 'enrolled'; readonly enrolment: CollectorRecord }
  /** Responses of another collector are on the device: forget it first (`forgetDevice`). */
  | { readonly kind: 'refused'; readonly reason: 'other_collector' };

export interface NewRespondent {
  readonly questionnaire: { readonly id: string; readonly version: number };
  readonly label: string;
  /** A fresh UUID: the response id on the server. */
  readonly responseId: string;
  /** A fresh random token of at least 128 bits for the respondent's own link. */
  readonly respondentToken: string;
  readonly now: number;
}

export type ForgetOutcome =
  | { readonly kind: 'forgotten'; readonly responses: number }
  /** Nothing was removed: these would be lost with the device. */
  | { readonly kind: 'refused'; readonly unsafe: readonly RosterEntry[] };

/** The draft revision an export file holds, per response. */
export interface ExportedRevision {
  readonly responseId: string;
  readonly revision: number;
}

export function createCollectorStore(db: BarometerDatabase) {
  const everything = [db.drafts, db.outbox, db.credentials, db.collector, db.respondents];
  const enrolment = async (): Promise<CollectorRecord | undefined> => {
    const row = await db.collector.toCollection().first();
    return row && enrolmentOf(row);
  };

  /** Every collected response, newest first; part of the caller's transaction when there is one. */
  const roster = (): Promise<RosterEntry[]> =>
    db.transaction('r', db.respondents, db.drafts, db.outbox, async () => {
      const respondents = await db.respondents.orderBy('createdAt').reverse().toArray();
      const ids = respondents.map((r) => r.responseId);
      const [drafts, rows] = await Promise.all([db.drafts.bulkGet(ids), db.outbox.bulkGet(ids)]);
      return respondents.map((r, i) => rosterEntry(r, drafts[i], rows[i]));
    });

  /** The answers, their outbox row and their credential go; the roster line stays, marked removed. */
  async function removeAnswers(entry: RosterEntry, now: number) {
    const id = entry.respondent.responseId;
    const acknowledgedAt = entry.delivery.kind === 'submitted' ? entry.delivery.at : now;
    await Promise.all([
      db.drafts.delete(id),
      db.outbox.delete(id),
      db.credentials.delete(id),
      db.respondents.put({ ...entry.respondent, removed: { at: now, acknowledgedAt } }),
    ]);
  }

  async function update(change: Partial<CollectorRecord>) {
    const changed = await db.collector.toCollection().modify(change);
    if (changed === 0) throw new CollectorError('not_enrolled');
  }

  return {
    getEnrolment: (): Promise<CollectorRecord | undefined> => enrolment(),

    /** SY15: keeps what the server said of the collector. Enrolling again with the same collector keeps the PIN and settings. */
    enrol: (next: NewEnrolment): Promise<EnrolOutcome> =>
      db.transaction('rw', db.collector, db.respondents, async () => {
        const current = await enrolment();
        const fromServer = {
          token: next.token,
          label: next.label,
          questionnaireIds: [...next.questionnaireIds],
          expiresAt: next.expiresAt,
        };
        let record: CollectorRecord;
        if (current?.collectorId === next.collectorId) {
          record = { ...current, ...fromServer };
        } else {
          if (current && (await db.respondents.count()) > 0)
            return { kind: 'refused', reason: 'other_collector' } as const;
          await db.collector.clear();
          record = {
            collectorId: next.collectorId,
            ...fromServer,
            enrolledAt: next.enrolledAt,
            pin: next.pin ?? null,
            keepReadOnlyCopies: next.keepReadOnlyCopies ?? false,
            activeRespondent: null,
            wrongPins: null,
          };
        }
        await db.collector.put(record);
        return { kind: 'enrolled', enrolment: record } as const;
      }),

    /** Throws `CollectorError('not_enrolled')` when the device is not enrolled. */
    setPin: (pin: PinRecord) => update({ pin }),
    setKeepReadOnlyCopies: (keepReadOnlyCopies: boolean) => update({ keepReadOnlyCopies }),

    /**
     * A new response for a respondent: its draft (as `DraftStore.create`
     * makes one), outbox row, collector credential and roster row, in one
     * transaction, so none exists without the others. Throws `CollectorError`
     * when the device is not enrolled or the link does not cover the questionnaire.
     */
    startRespondent: (
      start: NewRespondent,
    ): Promise<{ draft: DraftRecord; respondent: RespondentRecord }> =>
      db.transaction('rw', everything, async () => {
        const collector = await enrolment();
        if (!collector) throw new CollectorError('not_enrolled');
        if (!collector.questionnaireIds.includes(start.questionnaire.id))
          throw new CollectorError('out_of_scope');
        const draft = newDraftRecord(start.questionnaire, start.responseId, start.now);
        const respondent: RespondentRecord = {
          responseId: start.responseId,
          collectorId: collector.collectorId,
          questionnaireId: start.questionnaire.id,
          label: start.label,
          respondentToken: start.respondentToken,
          createdAt: start.now,
          exportedRevision: null,
          removed: null,
        };
        await addDraft(db, draft);
        await Promise.all([
          db.credentials.add({ responseId: draft.id, token: collector.token, kind: 'collector' }),
          db.respondents.add(respondent),
        ]);
        return { draft, respondent };
      }),

    respondent: (responseId: string): Promise<RespondentRecord | undefined> =>
      db.respondents.get(responseId),

    /**
     * Hands the device to the respondent of a response collected here: until
     * `takeBack`, only that response's screens open (the app's gate). Kept in
     * IndexedDB, so a reload or a browser restart does not open the device.
     * Throws `CollectorError` when not enrolled, without a PIN to take it back
     * with, or when the response is not on the roster with its answers here.
     */
    handOver: (responseId: string): Promise<void> =>
      db.transaction('rw', db.collector, db.respondents, db.drafts, async () => {
        const collector = await enrolment();
        if (!collector) throw new CollectorError('not_enrolled');
        if (!collector.pin) throw new CollectorError('no_pin');
        const [respondent, draft] = await Promise.all([
          db.respondents.get(responseId),
          db.drafts.get(responseId),
        ]);
        if (!respondent || respondent.removed || !draft) throw new CollectorError('not_collected');
        await update({ activeRespondent: responseId, wrongPins: null });
      }),

    /**
     * The collector has the device again (the right PIN was given); the count
     * of wrong ones starts over, and the respondent's answers leave the device
     * if the server acknowledged them while the respondent held it.
     */
    takeBack: (now: number): Promise<void> =>
      db.transaction('rw', everything, async () => {
        const collector = await enrolment();
        await update({ activeRespondent: null, wrongPins: null });
        const id = collector?.activeRespondent;
        const respondent = id ? await db.respondents.get(id) : undefined;
        if (!id || !respondent || respondent.removed) return;
        const [draft, row] = await Promise.all([db.drafts.get(id), db.outbox.get(id)]);
        const entry = rosterEntry(respondent, draft, row);
        const freed = { ...collector, activeRespondent: null };
        if (removalOf(entry, freed).kind === 'removed') await removeAnswers(entry, now);
      }),

    /** One more wrong PIN at `now`; the count so far. */
    recordWrongPin: (now: number): Promise<number> =>
      db.transaction('rw', db.collector, async () => {
        const count = ((await enrolment())?.wrongPins?.count ?? 0) + 1;
        await update({ wrongPins: { count, lastAt: now } });
        return count;
      }),

    roster,

    /** Collected responses with answers the server has not acknowledged at their revision, oldest first. */
    async unacknowledged(): Promise<RosterEntry[]> {
      const all = await roster();
      return all.filter((e) => e.draft && e.draft.revision > 0 && !e.isAcknowledged).reverse();
    },

    /**
     * Removes a submitted response's answers from the device, only once the
     * server acknowledged the submitted revision (SY6) and unless the
     * collector keeps read-only copies. Removing one already removed is done.
     */
    removeAcknowledged: (responseId: string, now: number): Promise<RemoveOutcome> =>
      db.transaction('rw', everything, async () => {
        const respondent = await db.respondents.get(responseId);
        if (!respondent) return { kind: 'refused', reason: 'not_collected' } as const;
        const [draft, row, collector] = await Promise.all([
          db.drafts.get(responseId),
          db.outbox.get(responseId),
          enrolment(),
        ]);
        const entry = rosterEntry(respondent, draft, row);
        const outcome = removalOf(entry, collector);
        if (outcome.kind === 'removed' && !respondent.removed) await removeAnswers(entry, now);
        return outcome;
      }),

    /** Every acknowledged submission's answers that may leave the device; the ids removed now. */
    removeAllAcknowledged: (now: number): Promise<string[]> =>
      db.transaction('rw', everything, async () => {
        const collector = await enrolment();
        const removable = (await roster()).filter(
          (e) => !e.respondent.removed && removalOf(e, collector).kind === 'removed',
        );
        for (const entry of removable) await removeAnswers(entry, now);
        return removable.map((e) => e.respondent.responseId);
      }),

    /** SY18: a saved export file holds these revisions. */
    markExported: (exported: readonly ExportedRevision[]): Promise<void> =>
      db.transaction('rw', db.respondents, async () => {
        const rows = await db.respondents.bulkGet(exported.map((e) => e.responseId));
        const marked = exported.flatMap((e, i) => {
          const row = rows[i];
          if (!row) return [];
          return [{ ...row, exportedRevision: Math.max(row.exportedRevision ?? 0, e.revision) }];
        });
        await db.respondents.bulkPut(marked);
      }),

    /**
     * Removes the enrolment and every collected response, only when each is
     * safe (acknowledged or exported at its current revision, or never
     * answered) or lost; otherwise removes nothing and names what is not.
     */
    forgetDevice: (): Promise<ForgetOutcome> =>
      db.transaction('rw', everything, async () => {
        const all = await roster();
        // A lost response's answers are gone already: keeping the device cannot bring them back.
        const unsafe = all.filter((e) => !e.isSafe && e.delivery.kind !== 'lost');
        if (unsafe.length > 0) return { kind: 'refused', unsafe } as const;
        const ids = all.map((e) => e.respondent.responseId);
        await Promise.all([
          db.drafts.bulkDelete(ids),
          db.outbox.bulkDelete(ids),
          db.credentials.bulkDelete(ids),
          db.respondents.clear(),
          db.collector.clear(),
        ]);
        return { kind: 'forgotten', responses: ids.length } as const;
      }),
  };
}

export type CollectorStore = ReturnType<typeof createCollectorStore>;
