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

/**
 * One row per response that exists on this device: how far it has reached
 * the server. The draft itself is the payload; the outbox only says which
 * revision must still be sent (SY1: every save enqueues the latest version).
 */
export interface OutboxRecord {
  readonly responseId: string;
  /** The draft revision that must reach the server. */
  readonly queuedRevision: number;
  /** The highest revision the server acknowledged (SY6); 0 before the first. */
  readonly sentRevision: number;
  readonly sentAt: number | null;
  readonly attempts: number;
  /** Not before this time (ms); exponential back-off after a failed attempt. */
  readonly nextAttemptAt: number;
  /** A 4xx that retrying cannot fix: sending stops until the person acts. */
  readonly problem: string | null;
  /** Answers that arrived from another device in the last merge, for the person to see. */
  readonly mergedFromServer: number;
}

/**
 * The token that lets this device write one response (SY7); never shown,
 * never in a URL. A collected response's is the collector link's token
 * (`collector`, SY16), the same for every response the device collects.
 */
export interface CredentialRecord {
  readonly responseId: string;
  readonly token: string;
  readonly kind: 'invitation' | 'open' | 'collector';
}

/** The benchmark last fetched per questionnaire, so the results screen works offline (version 3). */
export interface BenchmarkRecord {
  readonly questionnaireId: string;
  /** The server's publication as received (`PublicationDocument`); read only through `features/results/parsePublication.ts`. */
  readonly document: unknown;
  readonly fetchedAt: number;
}

/** A PIN as the collector screens hash it (PBKDF2-SHA-256, base64 salt and hash); the PIN itself is never stored. */
export interface PinRecord {
  readonly salt: string;
  readonly iterations: number;
  readonly hash: string;
}

/**
 * The collector this device collects for (version 4, SYNC.md SY15): one row
 * at most. Its token is the Bearer of every response collected here.
 */
export interface CollectorRecord {
  readonly collectorId: string;
  /** The collector link's token; never shown, never in a URL. */
  readonly token: string;
  readonly label: string;
  readonly questionnaireIds: readonly string[];
  readonly expiresAt: number;
  readonly enrolledAt: number;
  /** Null until the collector chose one. */
  readonly pin: PinRecord | null;
  /** Keep a submitted response's answers, read-only, after the server acknowledged it. */
  readonly keepReadOnlyCopies: boolean;
  /**
   * The response whose respondent has the device now (only their own screens open), or null
   * while the collector has it. Not indexed, so rows written before it lack it: read as null.
   */
  readonly activeRespondent: string | null;
  /** Wrong PINs in a row since the device was handed over (they make the next try wait); null after the right one. Read as null when absent. */
  readonly wrongPins: { readonly count: number; readonly lastAt: number } | null;
}

/** One response collected on this device (version 4): who it was for, in the collector's words. */
export interface RespondentRecord {
  readonly responseId: string;
  readonly collectorId: string;
  readonly questionnaireId: string;
  /** What the collector typed (a workplace, a name); stays on this device, never sent. */
  readonly label: string;
  /** The respondent's own link's token (`/i/<token>`), made here; the server only ever gets its SHA-256 (SY16). Kept to show the slip again. */
  readonly respondentToken: string;
  readonly createdAt: number;
  /** The draft revision the last saved export file holds (SY18), or null. */
  readonly exportedRevision: number | null;
  /** Set once the answers left this device after the server acknowledged the submission. */
  readonly removed: { readonly at: number; readonly acknowledgedAt: number } | null;
}

/**
 * A setting this device keeps for whoever uses it (version 5), one row per
 * setting. `language`: the UI language last chosen in the header, 'nb' or 'nn'.
 */
export interface PreferenceRecord {
  readonly key: 'language';
  /** Read only through `preferences.ts`, which ignores a value it does not know. */
  readonly value: unknown;
  readonly chosenAt: number;
}
