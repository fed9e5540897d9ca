import type { AnswerValue } from '../engine/index.ts';

/**
 * Shapes stored in IndexedDB. Do not change a stored shape without a new
 * Dexie version and an upgrade in `database.ts`, tested on frozen old data
 * (tests/storage/fixtures).
 */

export type DraftStatus = 'draft' | 'submitted';

export interface DraftRecord {
  /** Client-made UUID; also the response id on the server. */
  readonly id: string;
  readonly questionnaireId: string;
  readonly questionnaireVersion: number;
  /** Every answer given, hidden ones included: changing back restores them. */
  readonly answers: Readonly<Record<string, AnswerValue>>;
  /** Per-answer change time (ms since epoch); merges tabs and devices answer by answer. */
  readonly answeredAt: Readonly<Record<string, number>>;
  /** Section the person was on, to resume there. */
  readonly page: string | null;
  readonly status: DraftStatus;
  /** Bumped on every save; the server keeps the highest it has seen. */
  readonly revision: number;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly submittedAt: number | null;
  /** Set when the draft was moved to a newer questionnaire version: what changed. */
  readonly migratedFrom: { readonly version: number; readonly dropped: readonly string[] } | null;
}
