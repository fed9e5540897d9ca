import type { RosterEntry } from '../../storage/lazy.ts';
import type { BatchProgress, BatchReport } from '../../sync/batchSync.ts';
import { isAnnounced, summarise, type BatchSummary } from './batchWords.ts';
import { createPanelStore, type PanelStore } from './panelStore.ts';

/**
 * «Send alle»: one batch at a time through `sendCollectedNow`, its progress,
 * what to say aloud of it, and afterwards each respondent's outcome by roster
 * label. The view shows the state and forwards the click.
 */
export interface SendAllState {
  readonly isRunning: boolean;
  /** The latest progress of the running (or last) batch; null before the first. */
  readonly progress: BatchProgress | null;
  /** The progress last said aloud (`isAnnounced`): the live region shows this one, not every step. */
  readonly announced: BatchProgress | null;
  readonly summary: BatchSummary | null;
  /** The last batch failed on the device itself (storage), not on a response. */
  readonly hasFailed: boolean;
}

export interface SendAllDeps {
  readonly send: (onProgress: (progress: BatchProgress) => void) => Promise<BatchReport>;
  /** The collector's roster after the batch: labels and whether a submission is acknowledged. */
  readonly roster: () => Promise<readonly RosterEntry[]>;
}

export type SendAll = PanelStore<SendAllState> & { readonly start: () => Promise<void> };

export function createSendAll(deps: SendAllDeps): SendAll {
  const store = createPanelStore<SendAllState>({
    isRunning: false,
    progress: null,
    announced: null,
    summary: null,
    hasFailed: false,
  });

  async function start(): Promise<void> {
    if (store.getState().isRunning) return;
    store.update({
      isRunning: true,
      progress: null,
      announced: null,
      summary: null,
      hasFailed: false,
    });
    try {
      const report = await deps.send((progress) => {
        const last = store.getState().announced;
        store.update(
          isAnnounced(last?.done ?? null, progress)
            ? { progress, announced: progress }
            : { progress },
        );
      });
      store.update({ summary: summarise(report, await deps.roster()) });
    } catch {
      store.update({ hasFailed: true });
    } finally {
      store.update({ isRunning: false });
    }
  }

  return { subscribe: store.subscribe, getState: store.getState, start };
}
