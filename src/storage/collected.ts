import { deliveryOf, isAcknowledged, type Delivery } from './records.ts';
import type { DraftRecord, OutboxRecord, RespondentRecord } from './schema.ts';

/**
 * Field collection's rules on the device (SYNC.md SY14–SY19), without Dexie:
 * where each collected response stands, and whether losing this device would
 * lose it. `collector.ts` applies them to what is stored.
 */

/** Why the device cannot collect a new response. */
export class CollectorError extends Error {
  constructor(readonly reason: 'not_enrolled' | 'out_of_scope') {
    super(
      reason === 'not_enrolled'
        ? 'this device is not enrolled as a collector'
        : 'the collector link does not cover this questionnaire',
    );
    this.name = 'CollectorError';
  }
}

/** One line of the collector's roster. */
export interface RosterEntry {
  readonly respondent: RespondentRecord;
  /** The answers so far (the progress); null once they left the device after acknowledgement. */
  readonly draft: DraftRecord | null;
  /** When the answers last changed, or when they left the device. */
  readonly lastChange: number;
  readonly delivery: Delivery;
  /** The server acknowledged the revision on the device (SY6). */
  readonly isAcknowledged: boolean;
  /** A saved export file holds the revision on the device (SY18). */
  readonly isExported: boolean;
  /** Losing this device loses nothing of it: acknowledged, exported, removed, or never answered. */
  readonly isSafe: boolean;
}

export function rosterEntry(
  respondent: RespondentRecord,
  draft: DraftRecord | undefined,
  row: OutboxRecord | undefined,
): RosterEntry {
  if (respondent.removed || !draft) {
    const at = respondent.removed?.acknowledgedAt ?? respondent.createdAt;
    return {
      respondent,
      draft: null,
      lastChange: respondent.removed?.at ?? respondent.createdAt,
      // Only a removal after acknowledgement takes the answers away; without one the draft was lost.
      delivery: respondent.removed ? { kind: 'submitted', at } : { kind: 'device' },
      isAcknowledged: respondent.removed !== null,
      isExported: false,
      isSafe: true,
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
      readonly reason: 'not_collected' | 'not_submitted' | 'not_acknowledged' | 'kept';
    };

/** Whether a collected response's answers may leave the device, and why not. */
export function removalOf(entry: RosterEntry, keepReadOnlyCopies: boolean): RemoveOutcome {
  if (entry.respondent.removed) return { kind: 'removed' };
  if (keepReadOnlyCopies) return { kind: 'refused', reason: 'kept' };
  if (entry.draft?.status !== 'submitted') return { kind: 'refused', reason: 'not_submitted' };
  if (!entry.isAcknowledged) return { kind: 'refused', reason: 'not_acknowledged' };
  return { kind: 'removed' };
}
