import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { AnswerValue } from '../../engine/index.ts';
import { requestSync } from '../../sync/requestSync.ts';
import { draftBeingCreated } from '../start/startDraft.ts';
import { firstScreenPainted } from '../../platform/firstPaint.ts';
import {
  answerChannel,
  applyAnswerChanges,
  classifyStorageError,
  drafts,
  requestPersistence,
  type AnswerChanges,
  type DraftRecord,
  type StorageProblem,
} from '../../storage/lazy.ts';

export type SaveState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'pending' }
  | { readonly kind: 'saved'; readonly at: number }
  | { readonly kind: 'restored'; readonly at: number }
  | { readonly kind: 'error'; readonly problem: StorageProblem };

/** Typing is written after this pause; a click is written at once. */
export const TYPING_DEBOUNCE_MS = 250;

/**
 * Writes answers to IndexedDB as they are given. Unwritten answers are kept
 * in memory until a write succeeds, flushed on `pagehide` and when the tab is
 * hidden, and the state shown to the person is "saved" only after the
 * transaction committed.
 */
export function useAnswerWriter(draft: DraftRecord | null | undefined) {
  // The save state changes on every answer; held outside React state so that only the status
  // line re-renders, not the page (see `useSaveState`).
  const [saveState] = useState(createSaveStateStore);
  const setState = saveState.set;
  const pending = useRef(new Map<string, AnswerValue | null>());
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latestDraft = useRef(draft);
  const running = useRef<Promise<void>>(Promise.resolve());
  if (draft) latestDraft.current = draft;

  /** Writes scheduled and not yet finished, the running one included. */
  const writesInFlight = useRef(0);

  /**
   * `leaving`: the page is being hidden or closed. Then the write is made on the page's own
   * connection, whose requests are issued before the page can go, not handed to a worker
   * that may be stopped with it.
   */
  const flush = useCallback(({ leaving = false }: { leaving?: boolean } = {}): Promise<void> => {
    clearTimeout(timer.current);
    const save = async () => {
      const current = latestDraft.current;
      if (!current || pending.current.size === 0) return;
      const changes: AnswerChanges = Object.fromEntries(pending.current);
      pending.current.clear();
      const now = Date.now();
      try {
        const creating = draftBeingCreated(current.id);
        if (creating) await creating;
        if (leaving) await (await drafts()).saveAnswers(current.id, changes, now);
        else await answerChannel().saveAnswers(current.id, changes, now);
        setState({ kind: 'saved', at: now });
        requestSync();
        void requestPersistence();
      } catch (error) {
        const problem = classifyStorageError(error);
        if (problem === 'missing') {
          // Storage was cleared under us: write back everything this tab still holds.
          const restored = applyAnswerChanges(current, changes, now);
          try {
            await (await drafts()).restore(restored);
            setState({ kind: 'restored', at: now });
            requestSync();
            return;
          } catch (retryError) {
            keep(changes);
            setState({ kind: 'error', problem: classifyStorageError(retryError) });
            return;
          }
        }
        keep(changes);
        setState({ kind: 'error', problem });
      }
    };
    const run = async () => {
      try {
        await save();
      } finally {
        writesInFlight.current -= 1;
      }
    };
    // With no write under way the answer leaves in this very event handler, before React's
    // re-render of the page runs; otherwise it follows the one under way, keeping the order.
    writesInFlight.current += 1;
    const next = writesInFlight.current === 1 ? run() : running.current.then(run);
    running.current = next;
    return next;
  }, []);

  /** Puts unwritten changes back so the next attempt (or a download) still has them. */
  const keep = (changes: AnswerChanges) => {
    for (const [id, value] of Object.entries(changes)) {
      if (!pending.current.has(id)) pending.current.set(id, value);
    }
  };

  const write = useCallback(
    (questionId: string, value: AnswerValue | null, options: { isTyping?: boolean } = {}) => {
      pending.current.set(questionId, value);
      setState((s) => (s.kind === 'error' ? s : { kind: 'pending' }));
      clearTimeout(timer.current);
      if (options.isTyping) timer.current = setTimeout(() => void flush(), TYPING_DEBOUNCE_MS);
      else void flush();
    },
    [flush],
  );

  useEffect(() => {
    // The worker starts once the page is on screen, ready before the first answer.
    void firstScreenPainted.then(() => answerChannel().warm());
    const onHide = () => void flush({ leaving: true });
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') void flush({ leaving: true });
    };
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onVisibility);
      void flush();
    };
  }, [flush]);

  /** The draft as this tab knows it, unwritten answers included: for download when storage fails. */
  const snapshot = useCallback((): DraftRecord | undefined => {
    const current = latestDraft.current;
    return current
      ? applyAnswerChanges(current, Object.fromEntries(pending.current), Date.now())
      : undefined;
  }, []);

  return { saveState, write, flush, snapshot };
}

export interface SaveStateStore {
  readonly get: () => SaveState;
  readonly set: (next: SaveState | ((current: SaveState) => SaveState)) => void;
  readonly subscribe: (listener: () => void) => () => void;
}

function createSaveStateStore(): SaveStateStore {
  let state: SaveState = { kind: 'idle' };
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    set: (next) => {
      const value = typeof next === 'function' ? next(state) : next;
      if (value === state) return;
      state = value;
      listeners.forEach((listener) => {
        listener();
      });
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The writer's save state, re-rendering only the component that shows it. */
export function useSaveState(store: SaveStateStore): SaveState {
  return useSyncExternalStore(store.subscribe, store.get);
}
