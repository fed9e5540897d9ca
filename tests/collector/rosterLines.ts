import {
  newDraftRecord,
  rosterEntry,
  type DraftRecord,
  type OutboxRecord,
  type RespondentRecord,
  type RosterEntry,
} from '../../src/storage/lazy.ts';
import { responseIdOf } from './tablet.ts';

/**
 * Roster lines made by storage's own rule (`rosterEntry`) from records as
 * the device stores them, for the wording tests.
 */
export interface LineShape {
  readonly status?: DraftRecord['status'];
  /** The draft's revision; 0 holds no answer. */
  readonly revision?: number;
  /** The revision the server acknowledged; none when left out. */
  readonly acknowledged?: number;
  /** The revision a saved export file holds. */
  readonly exported?: number;
  readonly problem?: string;
  /** The answers left the device after acknowledgement. */
  readonly removed?: boolean;
  /** The draft is gone without a recorded removal (storage cleared). */
  readonly lost?: boolean;
}

export function line(n: number, shape: LineShape = {}): RosterEntry {
  const id = responseIdOf(n);
  const revision = shape.revision ?? 2;
  const respondent: RespondentRecord = {
    responseId: id,
    collectorId: 'c0000000-0000-4000-8000-000000000001',
    questionnaireId: 'feltarbeid',
    label: `Arbeidsplass ${n}`,
    respondentToken: `slip-${n}`,
    createdAt: 1_700_000_000_000,
    exportedRevision: shape.exported ?? null,
    removed: shape.removed ? { at: 1_700_000_100_000, acknowledgedAt: 1_700_000_050_000 } : null,
  };
  if (shape.removed || shape.lost) return rosterEntry(respondent, undefined, undefined);
  const draft: DraftRecord = {
    ...newDraftRecord({ id: 'feltarbeid', version: 1 }, id, 1_700_000_000_000),
    status: shape.status ?? 'draft',
    revision,
  };
  const row: OutboxRecord = {
    responseId: id,
    queuedRevision: revision,
    sentRevision: shape.acknowledged ?? 0,
    sentAt: shape.acknowledged === undefined ? null : 1_700_000_050_000,
    attempts: 0,
    nextAttemptAt: 0,
    problem: shape.problem ?? null,
    mergedFromServer: 0,
  };
  return rosterEntry(respondent, draft, row);
}
