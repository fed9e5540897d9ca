import { useLiveQueryAfterPaint } from '../platform/useLiveQueryAfterPaint.ts';

export type SyncStatus =
  | { readonly kind: 'local' }
  | { readonly kind: 'waiting'; readonly attempts: number }
  | { readonly kind: 'sent'; readonly at: number }
  | { readonly kind: 'attention'; readonly problem: string };

/** Where a response stands on its way to the server, live from the outbox. */
export function useSyncStatus(responseId: string): SyncStatus | undefined {
  return useLiveQueryAfterPaint(
    async (storage) => {
      const row = await storage.outboxStore().get(responseId);
      if (!row) return { kind: 'local' } as const;
      if (row.problem !== null) return { kind: 'attention', problem: row.problem } as const;
      if (row.sentRevision >= row.queuedRevision && row.sentAt !== null)
        return { kind: 'sent', at: row.sentAt } as const;
      if (row.attempts > 0) return { kind: 'waiting', attempts: row.attempts } as const;
      return { kind: 'local' } as const;
    },
    [responseId],
  );
}
