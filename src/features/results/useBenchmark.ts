import { useEffect, useState } from 'react';
import type { Benchmark } from '../../engine/index.ts';
import { benchmarkCache } from '../../storage/index.ts';

/** The fields of the server's benchmark document the results screen reads. */
export type BenchmarkView = Pick<Benchmark, 'k' | 'respondents' | 'indicators' | 'groups'> & {
  readonly asOf: number;
  readonly demoResponses: number;
};

export type BenchmarkState =
  | { readonly status: 'loading' }
  | {
      readonly status: 'ready';
      readonly benchmark: BenchmarkView;
      readonly fetchedAt: number;
      readonly isCached: boolean;
    }
  | { readonly status: 'unavailable' };

function isBenchmark(value: unknown): value is BenchmarkView {
  const v = value as Partial<BenchmarkView> | null;
  return (
    typeof v?.asOf === 'number' &&
    typeof v.respondents === 'number' &&
    typeof v.indicators === 'object'
  );
}

/**
 * The national average: fetched when online and kept in IndexedDB, so the
 * screen also works offline with the last copy and says from when.
 */
export function useBenchmark(questionnaireId: string): BenchmarkState {
  const [state, setState] = useState<BenchmarkState>({ status: 'loading' });
  useEffect(() => {
    const mounted = { isCurrent: true };
    void (async () => {
      const cached = await benchmarkCache()
        .get(questionnaireId)
        .catch(() => undefined);
      if (cached && isBenchmark(cached.document) && mounted.isCurrent) {
        setState({
          status: 'ready',
          benchmark: cached.document,
          fetchedAt: cached.fetchedAt,
          isCached: true,
        });
      }
      try {
        const response = await fetch(`/api/benchmarks/${encodeURIComponent(questionnaireId)}`, {
          cache: 'no-cache',
        });
        const document: unknown = response.ok ? await response.json() : undefined;
        if (!isBenchmark(document)) throw new Error('no benchmark');
        const fetchedAt = Date.now();
        await benchmarkCache()
          .put({ questionnaireId, document, fetchedAt })
          .catch(() => undefined);
        if (mounted.isCurrent)
          setState({ status: 'ready', benchmark: document, fetchedAt, isCached: false });
      } catch {
        if (mounted.isCurrent && !cached) setState({ status: 'unavailable' });
      }
    })();
    return () => {
      mounted.isCurrent = false;
    };
  }, [questionnaireId]);
  return state;
}
