import type { BarometerDatabase } from './database.ts';
import type { BenchmarkRecord } from './schema.ts';

/** The benchmark cache (`barometer.benchmarks`): the last document fetched per questionnaire. */
export function createBenchmarkCache(db: BarometerDatabase) {
  return {
    get: (questionnaireId: string): Promise<BenchmarkRecord | undefined> =>
      db.benchmarks.get(questionnaireId),
    put: (record: BenchmarkRecord): Promise<void> =>
      db.benchmarks.put(record).then(() => undefined),
  };
}
