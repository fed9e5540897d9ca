import type { DraftRecord, OutboxRecord } from '../storage/lazy.ts';

/**
 * Where a response stands on its way to the server, in the words the person
 * sees (SYNC.md SY12): on this device only, backed up as a draft, submitted
 * but not yet acknowledged, submitted and acknowledged, or refused in a way
 * only the survey owner can fix.
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
  const isAcknowledged =
    row !== undefined && row.sentAt !== null && row.sentRevision >= draft.revision;
  if (draft.status === 'submitted') {
    if (isAcknowledged) return { kind: 'submitted', at: row.sentAt };
    return row?.problem ? { kind: 'attention', problem: row.problem } : { kind: 'submitting' };
  }
  if (row?.problem) return { kind: 'attention', problem: row.problem };
  // A backup of an older revision is not a backup of what is on screen.
  return isAcknowledged ? { kind: 'backedUp', at: row.sentAt } : { kind: 'device' };
}
