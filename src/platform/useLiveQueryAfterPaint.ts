import { useEffect, useState } from 'react';
import type { StorageModule } from '../storage/lazy.ts';
import { storageAfterPaint } from './storageAfterPaint.ts';

/**
 * A live IndexedDB query (Dexie's `liveQuery`: it runs again whenever a tab
 * or worker changes what it read) that starts once the first screen is
 * painted and the database code has loaded: on a first visit the query opens
 * and creates the database, which on a phone would otherwise hold up the
 * first question. Undefined until its first result.
 */
export function useLiveQueryAfterPaint<T>(
  query: (storage: StorageModule) => Promise<T>,
  deps: readonly unknown[],
): T | undefined {
  // The deps a result was read for: a result for other deps (another draft) is never returned.
  const [result, setResult] = useState<{ value: T; deps: readonly unknown[] } | undefined>(
    undefined,
  );
  useEffect(() => {
    let stopped = false;
    let subscription: { unsubscribe: () => void } | undefined;
    void storageAfterPaint().then((storage) => {
      if (stopped) return;
      subscription = storage
        .liveQuery(() => query(storage))
        .subscribe({
          next: (value) => setResult({ value, deps }),
          // A failed read leaves the last result; the screens say what is missing.
          error: () => undefined,
        });
    });
    return () => {
      stopped = true;
      subscription?.unsubscribe();
    };
    // The query is the caller's and changes with its deps.
  }, deps);
  const isCurrent =
    result !== undefined &&
    result.deps.length === deps.length &&
    result.deps.every((dep, i) => Object.is(dep, deps[i]));
  return isCurrent ? result.value : undefined;
}
