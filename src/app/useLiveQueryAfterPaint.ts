import { useLiveQuery } from '../storage/index.ts';
import { useFirstScreenPainted } from './firstPaint.ts';

/**
 * A live IndexedDB query that starts once the first screen is painted: on a
 * first visit the query opens (and creates) the database, which on a phone
 * would otherwise hold up the first question. Undefined until then, as while
 * any live query loads.
 */
export function useLiveQueryAfterPaint<T>(
  query: () => Promise<T>,
  deps: readonly unknown[],
): T | undefined {
  const isPainted = useFirstScreenPainted();
  return useLiveQuery(() => (isPainted ? query() : undefined), [isPainted, ...deps]);
}
