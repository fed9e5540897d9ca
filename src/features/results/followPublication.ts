import type { PublicationDocument } from '../../engine/index.ts';
import type { BenchmarkRecord } from '../../storage/index.ts';
import type { PublicationReply } from '../../sync/publicationClient.ts';
import { parsePublication } from './parsePublication.ts';

export type PublicationState =
  /** Waiting a moment for the server, or reading the copy saved on the device: the screen waits, so nothing moves after. */
  | { readonly status: 'loading' }
  /** No copy on the device and no reply yet: asking the server. */
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
 * How long the screen waits for the server's reply before drawing the saved copy. The reply
 * usually comes within a moment; drawn first, the saved copy's note would be replaced by the
 * reply's and everything under it would move (results CLS 0.056). A slow or missing network
 * shows the saved copy after this long at most.
 */
export const SERVER_WAIT_MS = 1000;

export interface PublicationSources {
  readonly fetchPublication: (questionnaireId: string) => Promise<PublicationReply>;
  readonly cache: {
    get(questionnaireId: string): Promise<BenchmarkRecord | undefined>;
    put(record: BenchmarkRecord): Promise<void>;
  };
  readonly now: () => number;
  /** Resolves after `ms`. */
  readonly wait: (ms: number) => Promise<void>;
}

/**
 * The latest publication of a questionnaire's averages, as the states the
 * screen shows in turn (`show`). The server's reply is awaited for a moment
 * (`SERVER_WAIT_MS`) and shown when it comes; if it has not come by then,
 * the copy saved on the device (`barometer.benchmarks`) shows, marked as
 * saved, until it does. A publication from the server is saved in turn, so
 * the screen works offline with the last one it saw. Never rejects.
 */
export async function followPublication(
  questionnaireId: string,
  sources: PublicationSources,
  show: (state: PublicationState) => void,
): Promise<void> {
  const reply = sources.fetchPublication(questionnaireId);
  const saved = await sources.cache.get(questionnaireId).catch(() => undefined);
  const savedCopy = saved && parsePublication(saved.document, questionnaireId);
  const savedState: PublicationState | undefined =
    saved && savedCopy
      ? { status: 'published', publication: savedCopy, savedAt: saved.fetchedAt }
      : undefined;
  const early = await Promise.race([reply, sources.wait(SERVER_WAIT_MS).then(() => undefined)]);
  if (!early) show(savedState ?? { status: 'fetching' });
  const final = early ?? (await reply);
  if (final.kind === 'published') {
    await sources.cache
      .put({ questionnaireId, document: final.publication, fetchedAt: sources.now() })
      .catch(() => undefined);
    show({ status: 'published', publication: final.publication, savedAt: null });
  } else if (final.kind === 'notPublished') {
    show({ status: 'notPublished', k: final.k });
  } else {
    show(savedState ?? { status: 'unavailable' });
  }
}
