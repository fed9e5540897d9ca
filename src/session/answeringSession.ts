import { mergeAnswers, withEntry, type AnswerValue } from '../engine/index.ts';
import {
  applyAnswerChanges,
  classifyStorageError,
  type AnswerChanges,
  type DraftRecord,
  type OutboxRecord,
  type StorageProblem,
} from '../storage/lazy.ts';
import { deliveryOf, type Delivery } from './delivery.ts';

/**
 * The answering session: the one owner of a draft while it is answered on
 * this page. It holds the answers as the page shows them, writes each change
 * to the device (in order, through the worker or, when the page is going,
 * the page itself), takes in changes from other tabs and devices through the
 * engine's `mergeAnswers` only (MG1), and says how far the answers have got:
 * saved on the device, backed up, submitted. Everything it touches is passed
 * in (storage, clock, sync, page signals), so the whole flow runs in Node.
 */

export type SaveState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'pending' }
  | { readonly kind: 'saved'; readonly at: number }
  | { readonly kind: 'restored'; readonly at: number }
  | { readonly kind: 'error'; readonly problem: StorageProblem };

export interface StoredState {
  readonly draft: DraftRecord | undefined;
  readonly outbox: OutboxRecord | undefined;
}

/** The device storage a session needs; `src/session/browserSession.ts` gives the app's. */
export interface SessionStore {
  /** Tells `listener` what is stored now and after every change by any tab, worker or the sender. */
  watch(draftId: string, listener: (stored: StoredState) => void): () => void;
  /** `leaving`: the page is being hidden or closed; write in the page itself, not in a worker. */
  saveAnswers(
    draftId: string,
    changes: AnswerChanges,
    now: number,
    options: { readonly leaving: boolean },
  ): Promise<void>;
  /** Writes a whole draft back, after the person's storage was cleared under the page. */
  restore(draft: DraftRecord): Promise<void>;
  setPage(draftId: string, page: string, now: number): Promise<void>;
  /** Marks the draft submitted; resolves with the draft as stored then. */
  submit(draftId: string, now: number): Promise<DraftRecord>;
}

export interface SessionSync {
  /** Asks for a send soon (after a save). */
  request(): void;
  /** Fetches the server's copy and merges it into the stored draft; the watch then reports it. */
  pull(draftId: string): Promise<void>;
}

/** Page lifecycle events; each returns its unsubscribe. */
export interface SessionSignals {
  /** The page is being hidden or closed: write what is pending now. */
  onLeaving(listener: () => void): () => void;
  /** The person came back to the tab, or the device came back online. */
  onResume(listener: () => void): () => void;
}

export interface SessionDeps {
  readonly draftId: string;
  readonly store: SessionStore;
  readonly sync: SessionSync;
  readonly signals: SessionSignals;
  readonly clock: () => number;
  /** The draft as known before storage answers: a new draft, or one read early for a deep link. */
  readonly initial?: DraftRecord;
  /** The draft's own first write, when it is being created: answers wait for it. */
  readonly created?: Promise<unknown>;
}

export interface SessionSnapshot {
  /** `opening` until storage answered; `missing` when the draft is not on this device. */
  readonly phase: 'opening' | 'open' | 'missing';
  /** The draft as this page holds it: what is stored plus answers not yet written. */
  readonly draft: DraftRecord | undefined;
  readonly save: SaveState;
  readonly delivery: Delivery;
  /** Answers another tab or device changed while this page was open, newest merge last. */
  readonly changedElsewhere: readonly string[];
  /** Per answer, how many times one from elsewhere replaced it here: a form takes those in. */
  readonly fromElsewhere: Readonly<Record<string, number>>;
}

/** Typing is written after this pause; a click is written at once. */
export const TYPING_DEBOUNCE_MS = 250;

export interface AnsweringSession {
  readonly getSnapshot: () => SessionSnapshot;
  readonly subscribe: (listener: () => void) => () => void;
  /** One answer given on this page; `null` clears it. Storage is asked before anything re-renders. */
  answer(questionId: string, value: AnswerValue | null, options?: { isTyping?: boolean }): void;
  /** Writes what is pending; resolves when written (or failed and kept for the next attempt). */
  flush(options?: { leaving?: boolean }): Promise<void>;
  /** Writes what is pending and the page the person moves to. */
  moveTo(page: string): Promise<void>;
  /** Writes what is pending and marks the draft submitted (strict durability); throws a storage error. */
  submit(): Promise<void>;
  /** Pulls the server's copy now (open, return to the tab, back online). */
  pull(): Promise<void>;
  /** The person has seen which answers changed elsewhere. */
  acknowledgeChanges(): void;
  close(): void;
}

export function createAnsweringSession(deps: SessionDeps): AnsweringSession {
  const { draftId, store, clock } = deps;
  const listeners = new Set<() => void>();
  /** Changes given on this page and not yet committed, in the order given. */
  const pending = new Map<string, AnswerValue | null>();
  /** The last draft storage had, kept on screen if the person's storage is cleared under us. */
  let held: DraftRecord | undefined = deps.initial;
  let snapshot: SessionSnapshot = {
    phase: deps.initial ? 'open' : 'opening',
    draft: deps.initial,
    save: { kind: 'idle' },
    delivery: deliveryOf(deps.initial, undefined),
    changedElsewhere: [],
    fromElsewhere: {},
  };
  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  let queue: Promise<void> = Promise.resolve();
  let writesInFlight = 0;
  let isClosed = false;
  let isCreated = deps.created === undefined;
  void deps.created?.then(
    () => (isCreated = true),
    () => undefined,
  );

  const update = (next: Partial<SessionSnapshot>) => {
    // The same delivery keeps its identity, so the line showing it does not re-render for a
    // commit that moved nothing (most commits: this page's own answers read back).
    if (next.delivery && sameDelivery(next.delivery, snapshot.delivery))
      next = { ...next, delivery: snapshot.delivery };
    snapshot = { ...snapshot, ...next };
    listeners.forEach((listener) => {
      listener();
    });
  };

  // A draft made here just now has no copy on the server to pull: opening it asks nothing (and on
  // `/ny/…` loads no sync code while the first page settles); coming back to it still pulls.
  let hasPulled = deps.created !== undefined;

  /** MG1: what storage now holds, merged into what the page shows; pending answers stay. */
  const takeStored = (next: StoredState) => {
    const incoming = next.draft;
    // Opening pulls the server's copy once storage has answered, so what it brings is named.
    if (incoming && !hasPulled) {
      hasPulled = true;
      queueMicrotask(() => void pull());
    }
    if (!incoming) {
      // Cleared under us: keep showing what we hold; the next write puts it back.
      update({
        phase: held ? 'open' : 'missing',
        delivery: deliveryOf(held, undefined),
      });
      return;
    }
    // A submitted response is not changed on the device (`records.ts`): a read begun before the
    // submit committed is stale, and taking it would show the receipt a draft never submitted.
    if (held?.status === 'submitted' && incoming.status !== 'submitted') return;
    const shown = snapshot.draft;
    if (!shown || shown.id !== incoming.id) {
      held = incoming;
      update({ phase: 'open', draft: incoming, delivery: deliveryOf(incoming, next.outbox) });
      if (pending.size > 0) void flush();
      return;
    }
    const merged = mergeAnswers(shown, incoming);
    // An answer taken from elsewhere replaces one still waiting to be written here.
    for (const id of merged.fromOther) pending.delete(id);
    const changed = merged.fromOther.length > 0;
    // Nothing new on screen: the answers keep their identity, so what shows them does not re-render.
    const draft: DraftRecord = {
      ...incoming,
      answers: changed ? merged.answers : shown.answers,
      answeredAt: merged.answeredAt,
    };
    held = draft;
    update({
      phase: 'open',
      draft,
      delivery: deliveryOf(incoming, next.outbox),
      ...(changed
        ? {
            changedElsewhere: [
              ...snapshot.changedElsewhere.filter((id) => !merged.fromOther.includes(id)),
              ...merged.fromOther,
            ],
            fromElsewhere: merged.fromOther.reduce<Record<string, number>>(
              (counts, id) => ({ ...counts, [id]: (counts[id] ?? 0) + 1 }),
              snapshot.fromElsewhere,
            ),
          }
        : {}),
    });
  };

  const setSave = (save: SaveState) => {
    if (save !== snapshot.save) update({ save });
  };

  const keep = (changes: AnswerChanges) => {
    for (const [id, value] of Object.entries(changes)) {
      if (!pending.has(id)) pending.set(id, value);
    }
  };

  const write = async (leaving: boolean) => {
    const current = held;
    if (!current || pending.size === 0) return;
    const changes: AnswerChanges = Object.fromEntries(pending);
    pending.clear();
    const now = clock();
    try {
      // Once the draft's first write is done, the next one leaves in this very call (no await).
      if (!isCreated) await deps.created;
      await store.saveAnswers(draftId, changes, now, { leaving });
      setSave({ kind: 'saved', at: now });
      deps.sync.request();
    } catch (error) {
      const problem = classifyStorageError(error);
      if (problem === 'missing') {
        try {
          await store.restore(applyAnswerChanges(current, changes, now));
          setSave({ kind: 'restored', at: now });
          deps.sync.request();
          return;
        } catch (retryError) {
          keep(changes);
          setSave({ kind: 'error', problem: classifyStorageError(retryError) });
          return;
        }
      }
      keep(changes);
      setSave({ kind: 'error', problem });
    }
  };

  const flush = ({ leaving = false }: { leaving?: boolean } = {}): Promise<void> => {
    clearTimeout(typingTimer);
    // Nothing to write: wait for what is under way, and keep the next change free to leave at once.
    if (pending.size === 0) return queue;
    const run = async () => {
      try {
        await write(leaving);
      } finally {
        writesInFlight -= 1;
      }
    };
    // With no write under way the change leaves in this very call (the click handler), before
    // the page re-renders; otherwise it follows the one under way, keeping the order.
    writesInFlight += 1;
    queue = writesInFlight === 1 ? run() : queue.then(run);
    return queue;
  };

  const pull = async () => {
    await flush();
    await deps.sync.pull(draftId).catch(() => undefined);
  };

  const unwatch = store.watch(draftId, takeStored);
  const stopLeaving = deps.signals.onLeaving(() => void flush({ leaving: true }));
  const stopResume = deps.signals.onResume(() => void pull());

  return {
    getSnapshot: () => snapshot,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    answer(questionId, value, options = {}) {
      const at = clock();
      pending.set(questionId, value);
      clearTimeout(typingTimer);
      // Storage first: the write leaves before anything re-renders.
      if (options.isTyping) typingTimer = setTimeout(() => void flush(), TYPING_DEBOUNCE_MS);
      else void flush();
      const shown = snapshot.draft;
      const draft = shown && {
        ...shown,
        answers: withEntry(shown.answers, questionId, value),
        answeredAt: { ...shown.answeredAt, [questionId]: at },
      };
      held = draft ?? held;
      update({
        draft,
        save: snapshot.save.kind === 'error' ? snapshot.save : { kind: 'pending' },
        // A newer local change makes an earlier notice about this answer untrue.
        changedElsewhere: snapshot.changedElsewhere.includes(questionId)
          ? snapshot.changedElsewhere.filter((id) => id !== questionId)
          : snapshot.changedElsewhere,
      });
    },
    flush,
    async moveTo(page) {
      await flush();
      await store.setPage(draftId, page, clock()).catch(() => undefined);
    },
    async submit() {
      await flush();
      if (snapshot.save.kind === 'error')
        throw new Error(`unsaved answers: ${snapshot.save.problem}`);
      const submitted = await store.submit(draftId, clock());
      // The watch reports the commit moments later; the receipt, opened next, is not kept waiting
      // for it, nor told that these answers were never submitted.
      held = submitted;
      update({ draft: submitted });
      deps.sync.request();
    },
    pull,
    acknowledgeChanges() {
      if (snapshot.changedElsewhere.length > 0) update({ changedElsewhere: [] });
    },
    close() {
      if (isClosed) return;
      isClosed = true;
      void flush();
      unwatch();
      stopLeaving();
      stopResume();
      listeners.clear();
    },
  };
}

function sameDelivery(a: Delivery, b: Delivery): boolean {
  return (
    a.kind === b.kind &&
    ('at' in a ? a.at : null) === ('at' in b ? b.at : null) &&
    ('problem' in a ? a.problem : null) === ('problem' in b ? b.problem : null)
  );
}
