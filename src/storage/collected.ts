import { deliveryOf, isAcknowledged, type Delivery } from './records.ts';
import type { CollectorRecord, DraftRecord, OutboxRecord, RespondentRecord } from './schema.ts';

/**
 * Field collection's rules on the device (SYNC.md SY14–SY19), without Dexie:
 * where each collected response stands, and whether losing this device would
 * lose it. `collector.ts` applies them to what is stored.
 */

const COLLECTOR_ERRORS = {
  not_enrolled: 'this device is not enrolled as a collector',
  out_of_scope: 'the collector link does not cover this questionnaire',
  not_collected: 'no response collected on this device has this id, or its answers are gone',
  no_pin: 'the collector has not chosen a PIN, so the device cannot be handed over',
} as const;

/** Why the device cannot collect a new response or be handed to a respondent. */
export class CollectorError extends Error {
  constructor(readonly reason: keyof typeof COLLECTOR_ERRORS) {
    super(COLLECTOR_ERRORS[reason]);
    this.name = 'CollectorError';
  }
}

/**
 * Where a collected response stands: SY12's delivery, or `lost`: its answers
 * are gone from this device although nothing recorded their removal (the
 * browser's storage was cleared or a row deleted). Whatever the server
 * acknowledged of it is still there, but nobody can tell from here how much.
 */
export type RosterDelivery = Delivery | { readonly kind: 'lost' };

/**
 * The enrolment row as stored, with the fields that rows written before them
 * lack read as null: they are not indexed, so they came without a schema version.
 */
export function enrolmentOf(row: CollectorRecord): CollectorRecord {
  const { activeRespondent = null, wrongPins = null } = row as Partial<CollectorRecord>;
  return { ...row, activeRespondent, wrongPins };
}

/** One line of the collector's roster. */
export interface RosterEntry {
  readonly respondent: RespondentRecord;
  /** The answers so far (the progress); null once they left the device after acknowledgement. */
  readonly draft: DraftRecord | null;
  /** When the answers last changed, or when they left the device (for lost ones: when the line was made). */
  readonly lastChange: number;
  readonly delivery: RosterDelivery;
  /** The server acknowledged the revision on the device (SY6). */
  readonly isAcknowledged: boolean;
  /** A saved export file holds the revision on the device (SY18). */
  readonly isExported: boolean;
  /** Losing this device loses nothing of it: acknowledged, exported, removed, or never answered. Never when lost. */
  readonly isSafe: boolean;
}

export function rosterEntry(
  respondent: RespondentRecord,
  draft: DraftRecord | undefined,
  row: OutboxRecord | undefined,
): RosterEntry {
  if (respondent.removed) {
    return {
      respondent,
      draft: null,
      lastChange: respondent.removed.at,
      delivery: { kind: 'submitted', at: respondent.removed.acknowledgedAt },
      isAcknowledged: true,
      isExported: false,
      isSafe: true,
    };
  }
  if (!draft) {
    // Only a removal after acknowledgement takes the answers away; without one the draft was lost,
    // and what it held cannot be known to be safe anywhere.
    return {
      respondent,
      draft: null,
      lastChange: respondent.createdAt,
      delivery: { kind: 'lost' },
      isAcknowledged: false,
      isExported: false,
      isSafe: false,
    };
  }
  const isDelivered = isAcknowledged(draft, row);
  const isExported =
    respondent.exportedRevision !== null && respondent.exportedRevision >= draft.revision;
  return {
    respondent,
    draft,
    lastChange: draft.updatedAt,
    delivery: deliveryOf(draft, row),
    isAcknowledged: isDelivered,
    isExported,
    // Revision 0 holds no answer: there is nothing to lose.
    isSafe: isDelivered || isExported || draft.revision === 0,
  };
}

/** What `removeAcknowledged` did. */
export type RemoveOutcome =
  | { readonly kind: 'removed' }
  | {
      readonly kind: 'refused';
      readonly reason: 'not_collected' | 'not_submitted' | 'not_acknowledged' | 'kept' | 'in_use';
    };

/**
 * Whether a collected response's answers may leave the device, and why not.
 * Not while its respondent still holds the device: their receipt and profile
 * read the draft, so it goes when the collector takes the device back.
 */
export function removalOf(
  entry: RosterEntry,
  collector: Pick<CollectorRecord, 'keepReadOnlyCopies' | 'activeRespondent'> | undefined,
): RemoveOutcome {
  if (entry.respondent.removed) return { kind: 'removed' };
  if (collector?.keepReadOnlyCopies) return { kind: 'refused', reason: 'kept' };
  if (collector?.activeRespondent === entry.respondent.responseId)
    return { kind: 'refused', reason: 'in_use' };
  if (entry.draft?.status !== 'submitted') return { kind: 'refused', reason: 'not_submitted' };
  if (!entry.isAcknowledged) return { kind: 'refused', reason: 'not_acknowledged' };
  return { kind: 'removed' };
}
