import { loadStorage, type StorageModule } from '../storage/lazy.ts';
import { firstScreenPainted, inOwnTask } from './firstPaint.ts';

/**
 * The storage code, once the first screen is painted and the database is open, given to each
 * caller in a task of its own (`inOwnTask`): the live queries, the draft's first write, the gate
 * and the language check each start apart instead of in one long task after the first paint.
 */
export function storageAfterPaint(): Promise<StorageModule> {
  return firstScreenPainted.then(loadStorage).then(inOwnTask);
}
