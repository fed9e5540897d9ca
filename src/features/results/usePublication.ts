// Keeps the last publication read from the server (src/sync/publicationClient.ts) in IndexedDB (`barometer.benchmarks`).
import { useEffect, useState } from 'react';
import type { PublicationDocument } from '../../engine/index.ts';
import { benchmarkCache } from '../../storage/index.ts';
import { fetchPublication } from '../../sync/publicationClient.ts';
import { parsePublication } from './parsePublication.ts';

export type PublicationState =
  /** Reading the copy saved on the device: a moment; the screen waits, so nothing moves after. */
  | { readonly status: 'loading' }
  /** No copy on the device: asking the server. */
  | { readonly status: 'fetching' }
  | {
      readonly status: 'published';
      readonly publication: PublicationDocument;
      /** When the copy on screen was saved on this device; null when it came from the server just now. */
      readonly savedAt: number | null;
    }
  | { readonly status: 'notPublished'; readonly k: number | null }
  | { readonly status: 'unavailable' };

/**
 * The latest publication of a questionnaire's averages. The copy saved on
 * the device (`barometer.benchmarks`) shows at once, marked as saved; the
 * server's answer replaces it and is saved in turn, so the screen works
 * offline with the last publication it saw.
 */
export function usePublication(questionnaireId: string): PublicationState {
  const [state, setState] = useState<PublicationState>({ status: 'loading' });
  useEffect(() => {
    let isCurrent = true;
    const show = (next: PublicationState) => {
      if (isCurrent) setState(next);
    };
    void (async () => {
      const saved = await benchmarkCache()
        .get(questionnaireId)
        .catch(() => undefined);
      const savedCopy = saved && parsePublication(saved.document, questionnaireId);
      show(
        saved && savedCopy
          ? { status: 'published', publication: savedCopy, savedAt: saved.fetchedAt }
          : { status: 'fetching' },
      );

      const reply = await fetchPublication(questionnaireId);
      if (reply.kind === 'published') {
        await benchmarkCache()
          .put({ questionnaireId, document: reply.publication, fetchedAt: Date.now() })
          .catch(() => undefined);
        show({ status: 'published', publication: reply.publication, savedAt: null });
      } else if (reply.kind === 'notPublished') {
        show({ status: 'notPublished', k: reply.k });
      } else if (!savedCopy) {
        show({ status: 'unavailable' });
      }
    })();
    return () => {
      isCurrent = false;
    };
  }, [questionnaireId]);
  return state;
}
