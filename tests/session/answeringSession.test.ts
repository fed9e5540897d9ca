import 'fake-indexeddb/auto';

import { describe, expect, it } from 'vitest';
import { testDatabase } from '../storage/testDatabases.ts';
import {
  createAnsweringSession,
  type AnsweringSession,
  type SessionSignals,
  type SessionSnapshot,
} from '../../src/session/answeringSession.ts';
import { createDeviceStore, type DeviceStorage } from '../../src/session/deviceStore.ts';
import {
  createAnswerChannel,
  type SaveReply,
  type SaveRequest,
} from '../../src/storage/answerChannel.ts';
import { createDraftStore, type DraftStore } from '../../src/storage/drafts.ts';
import { createOutbox, type ServerCopy } from '../../src/storage/outbox.ts';
import { watchDraft } from '../../src/storage/watchDraft.ts';
import type { BarometerDatabase } from '../../src/storage/database.ts';

/**
 * The answering session in Node, the way sync clients are tested: real
 * IndexedDB semantics (fake-indexeddb) under Dexie, two sessions on one
 * database standing for two tabs, a server copy merged in, a worker that
 * dies, a page hidden mid-write, a full disk.
 */
const questionnaire = { id: 'stat-2021-operativ', version: 1 };
const DRAFT = '4f1c2a9e-1111-4aaa-8bbb-000000000001';

/** Page lifecycle events the test fires by hand. */
function fakeSignals() {
  const leaving = new Set<() => void>();
  const resume = new Set<() => void>();
  const signals: SessionSignals = {
    onLeaving: (listener) => {
      leaving.add(listener);
      return () => leaving.delete(listener);
    },
    onResume: (listener) => {
      resume.add(listener);
      return () => resume.delete(listener);
    },
  };
  return {
    signals,
    leave: () => leaving.forEach((l) => l()),
    resume: () => resume.forEach((l) => l()),
  };
}

interface Tab {
  readonly db: BarometerDatabase;
  readonly drafts: DraftStore;
  readonly session: AnsweringSession;
  readonly signals: ReturnType<typeof fakeSignals>;
  readonly pulls: string[];
  readonly syncRequests: { count: number };
}

let clock = 1_000;
const tick = () => (clock += 10);

function openTab(
  options: {
    saveAnswers?: (drafts: DraftStore) => DeviceStorage['saveAnswers'];
    pull?: (db: BarometerDatabase) => Promise<void>;
    drafts?: (drafts: DraftStore) => DraftStore;
    /** The draft's first write, when the tab is the one creating it (`startDraft`). */
    created?: Promise<unknown>;
  } = {},
): Tab {
  const db = testDatabase();
  const base = createDraftStore(db);
  const drafts = options.drafts ? options.drafts(base) : base;
  const storage: DeviceStorage = {
    drafts,
    watchDraft: (draftId, listener) => watchDraft(db, draftId, listener),
    saveAnswers: options.saveAnswers
      ? options.saveAnswers(drafts)
      : async (draftId, changes, now) => {
          await drafts.saveAnswers(draftId, changes, now);
        },
  };
  const signals = fakeSignals();
  const pulls: string[] = [];
  const syncRequests = { count: 0 };
  const session = createAnsweringSession({
    draftId: DRAFT,
    store: createDeviceStore(() => Promise.resolve(storage)),
    sync: {
      request: () => {
        syncRequests.count += 1;
      },
      pull: async (draftId) => {
        pulls.push(draftId);
        await options.pull?.(db);
      },
    },
    signals: signals.signals,
    clock: tick,
    ...(options.created ? { created: options.created } : {}),
  });
  return { db, drafts, session, signals, pulls, syncRequests };
}

/** Resolves once the session's state satisfies `isDone`. */
function until(session: AnsweringSession, isDone: (s: SessionSnapshot) => boolean) {
  return new Promise<SessionSnapshot>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`state never came: ${JSON.stringify(session.getSnapshot())}`)),
      2000,
    );
    const check = () => {
      const snapshot = session.getSnapshot();
      if (!isDone(snapshot)) return;
      clearTimeout(timer);
      stop();
      resolve(snapshot);
    };
    const stop = session.subscribe(check);
    check();
  });
}

async function createDraft() {
  const db = testDatabase();
  await createDraftStore(db).create(questionnaire, DRAFT, tick());
}

describe('the answering session', () => {
  it('shows an answer at once, writes it to the device, and says «saved» only after the commit', async () => {
    await createDraft();
    const tab = openTab();
    await until(tab.session, (s) => s.phase === 'open');
    tab.session.answer('op.a', 'ja');
    expect(tab.session.getSnapshot().draft?.answers['op.a']).toBe('ja');
    expect(tab.session.getSnapshot().save.kind).toBe('pending');
    await tab.session.flush();
    expect(tab.session.getSnapshot().save.kind).toBe('saved');
    expect((await tab.drafts.get(DRAFT))?.answers['op.a']).toBe('ja');
    expect(tab.syncRequests.count).toBeGreaterThan(0);
    tab.session.close();
  });

  it('once the storage is loaded, an answer is handed to the writer within the answer call itself', async () => {
    await createDraft();
    const handed: string[] = [];
    const tab = openTab({
      saveAnswers: (drafts) => async (draftId, changes, now) => {
        handed.push(...Object.keys(changes));
        await drafts.saveAnswers(draftId, changes, now);
      },
    });
    await until(tab.session, (s) => s.phase === 'open');
    tab.session.answer('op.a', 'ja');
    // Not after a microtask: the worker writes while the page renders the answer.
    expect(handed).toEqual(['op.a']);
    await tab.session.flush();
    tab.session.answer('op.b', 'nei');
    expect(handed).toEqual(['op.a', 'op.b']);
    await tab.session.flush();
    tab.session.close();
  });

  it('says a draft that is not on this device is missing', async () => {
    const tab = openTab();
    const snapshot = await until(tab.session, (s) => s.phase !== 'opening');
    expect(snapshot.phase).toBe('missing');
    tab.session.close();
  });

  it('MG1: two tabs on one database each see the other’s answers, and are told which changed', async () => {
    await createDraft();
    const [a, b] = [openTab(), openTab()];
    await Promise.all([a, b].map((t) => until(t.session, (s) => s.phase === 'open')));
    a.session.answer('op.a', 'ja');
    await a.session.flush();
    b.session.answer('op.b', 'nei');
    await b.session.flush();
    const seenByA = await until(a.session, (s) => s.draft?.answers['op.b'] === 'nei');
    const seenByB = await until(b.session, (s) => s.draft?.answers['op.a'] === 'ja');
    expect(seenByA.draft?.answers).toMatchObject({ 'op.a': 'ja', 'op.b': 'nei' });
    expect(seenByA.changedElsewhere).toEqual(['op.b']);
    expect(seenByB.changedElsewhere).toEqual(['op.a']);
    expect(seenByA.fromElsewhere['op.b']).toBe(1);
    a.session.close();
    b.session.close();
  });

  it('MG1: the later change to one answer wins in both tabs; an answer given here is never named as changed elsewhere', async () => {
    await createDraft();
    const [a, b] = [openTab(), openTab()];
    await Promise.all([a, b].map((t) => until(t.session, (s) => s.phase === 'open')));
    a.session.answer('op.a', 'ja');
    await a.session.flush();
    await until(b.session, (s) => s.draft?.answers['op.a'] === 'ja');
    b.session.answer('op.a', 'nei');
    await b.session.flush();
    const seenByA = await until(a.session, (s) => s.draft?.answers['op.a'] === 'nei');
    expect(seenByA.changedElsewhere).toEqual(['op.a']);
    expect(b.session.getSnapshot().changedElsewhere).not.toContain('op.a');
    expect((await a.drafts.get(DRAFT))?.answers['op.a']).toBe('nei');
    // Answering it again here makes the notice about it untrue: it goes.
    a.session.answer('op.a', 'ja');
    expect(a.session.getSnapshot().changedElsewhere).toEqual([]);
    await a.session.flush();
    a.session.close();
    b.session.close();
  });

  it('MG1: a server copy pulled on return merges in, names what it changed, and keeps a newer answer typed here', async () => {
    await createDraft();
    const copy: { current: ServerCopy | null } = { current: null };
    const tab = openTab({
      pull: async (db) => {
        if (copy.current) await createOutbox(db).applyServerCopy(DRAFT, copy.current, tick());
      },
    });
    await until(tab.session, (s) => s.phase === 'open');
    tab.session.answer('op.a', 'ja');
    await tab.session.flush();
    // Another device answered op.b, and op.a earlier than this page did.
    copy.current = {
      questionnaireVersion: 1,
      status: 'draft',
      version: 7,
      answers: { 'op.a': 'nei', 'op.b': 'kanskje' },
      answeredAt: { 'op.a': 1, 'op.b': clock + 5 },
    };
    tab.signals.resume();
    const merged = await until(tab.session, (s) => s.draft?.answers['op.b'] === 'kanskje');
    // Once on opening, once on return.
    expect(tab.pulls).toEqual([DRAFT, DRAFT]);
    expect(merged.draft?.answers['op.a']).toBe('ja');
    expect(merged.changedElsewhere).toEqual(['op.b']);
    const stored = await tab.drafts.get(DRAFT);
    expect(stored?.answers).toMatchObject({ 'op.a': 'ja', 'op.b': 'kanskje' });
    expect(stored?.revision).toBeGreaterThan(7);
    tab.session.close();
  });

  it('a draft made on this device just now is not pulled on opening (the server has no copy), but is on return', async () => {
    const created = createDraft();
    const tab = openTab({ created });
    await created;
    await until(tab.session, (s) => s.phase === 'open');
    tab.session.answer('op.a', 'ja');
    await tab.session.flush();
    expect(tab.pulls).toEqual([]);
    tab.signals.resume();
    await tab.session.flush();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(tab.pulls).toEqual([DRAFT]);
    tab.session.close();
  });

  it('an answer that a merge replaced while it waited to be written is not written over the newer one', async () => {
    await createDraft();
    const [a, b] = [openTab(), openTab()];
    await Promise.all([a, b].map((t) => until(t.session, (s) => s.phase === 'open')));
    // Typing waits 250 ms before it is written; meanwhile another tab answers later.
    a.session.answer('op.text', 'utkast', { isTyping: true });
    b.session.answer('op.text', 'ferdig');
    await b.session.flush();
    await until(a.session, (s) => s.draft?.answers['op.text'] === 'ferdig');
    await a.session.flush();
    expect((await a.drafts.get(DRAFT))?.answers['op.text']).toBe('ferdig');
    a.session.close();
    b.session.close();
  });

  it('a worker that dies mid-write loses nothing: what it held is written in the page', async () => {
    await createDraft();
    let worker: DyingWorker | undefined;
    const tab = openTab({
      saveAnswers: (drafts) => {
        const channel = createAnswerChannel(
          () => Promise.resolve(drafts),
          () => (worker = new DyingWorker()),
        );
        return (draftId, changes, now) => channel.saveAnswers(draftId, changes, now);
      },
    });
    await until(tab.session, (s) => s.phase === 'open');
    tab.session.answer('op.a', 'ja');
    tab.session.answer('op.b', 'nei');
    await tab.session.flush();
    expect(worker?.received.length).toBeGreaterThan(0);
    expect(worker?.terminated).toBe(true);
    expect((await tab.drafts.get(DRAFT))?.answers).toMatchObject({ 'op.a': 'ja', 'op.b': 'nei' });
    expect(tab.session.getSnapshot().save.kind).toBe('saved');
    tab.session.close();
  });

  it('a page hidden mid-write writes what is pending in the page itself, after the write under way', async () => {
    await createDraft();
    const calls: string[] = [];
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tab = openTab({
      // The "worker" holds its first write until the test lets it go.
      saveAnswers: () => {
        const worker = createDraftStore(testDatabase());
        return async (draftId, changes, now) => {
          calls.push(`worker:${Object.keys(changes).join(',')}`);
          await held;
          await worker.saveAnswers(draftId, changes, now);
        };
      },
      drafts: (drafts) => ({
        ...drafts,
        saveAnswers: (draftId, changes, now) => {
          calls.push(`page:${Object.keys(changes).join(',')}`);
          return drafts.saveAnswers(draftId, changes, now);
        },
      }),
    });
    await until(tab.session, (s) => s.phase === 'open');
    tab.session.answer('op.a', 'ja');
    tab.session.answer('op.text', 'skrevet før jeg gikk', { isTyping: true });
    tab.signals.leave();
    release();
    await tab.session.flush();
    expect(calls).toEqual(['worker:op.a', 'page:op.text']);
    expect((await tab.drafts.get(DRAFT))?.answers).toMatchObject({
      'op.a': 'ja',
      'op.text': 'skrevet før jeg gikk',
    });
    tab.session.close();
  });

  it('a full disk is said, the answer is kept, and written with the next one once there is room', async () => {
    await createDraft();
    let isFull = true;
    const tab = openTab({
      saveAnswers: (drafts) => async (draftId, changes, now) => {
        if (isFull) throw new DOMException('no room', 'QuotaExceededError');
        await drafts.saveAnswers(draftId, changes, now);
      },
    });
    await until(tab.session, (s) => s.phase === 'open');
    tab.session.answer('op.a', 'ja');
    await tab.session.flush();
    expect(tab.session.getSnapshot().save).toEqual({ kind: 'error', problem: 'quota' });
    expect(tab.session.getSnapshot().draft?.answers['op.a']).toBe('ja');
    expect((await tab.drafts.get(DRAFT))?.answers['op.a']).toBeUndefined();
    isFull = false;
    tab.session.answer('op.b', 'nei');
    await tab.session.flush();
    expect((await tab.drafts.get(DRAFT))?.answers).toMatchObject({ 'op.a': 'ja', 'op.b': 'nei' });
    expect(tab.session.getSnapshot().save.kind).toBe('saved');
    tab.session.close();
  });

  it('storage cleared under the page: the next answer writes back everything the page holds', async () => {
    await createDraft();
    const tab = openTab();
    await until(tab.session, (s) => s.phase === 'open');
    tab.session.answer('op.a', 'ja');
    await tab.session.flush();
    await tab.db.drafts.delete(DRAFT);
    await until(tab.session, (s) => s.draft?.answers['op.a'] === 'ja');
    tab.session.answer('op.b', 'nei');
    await tab.session.flush();
    expect(tab.session.getSnapshot().save.kind).toBe('restored');
    expect((await tab.drafts.get(DRAFT))?.answers).toMatchObject({ 'op.a': 'ja', 'op.b': 'nei' });
    tab.session.close();
  });

  it('SY12: device → backed up (this revision acknowledged) → device again after a change → submitted once acknowledged', async () => {
    await createDraft();
    const tab = openTab();
    const outbox = createOutbox(tab.db);
    await until(tab.session, (s) => s.phase === 'open');
    tab.session.answer('op.a', 'ja');
    await tab.session.flush();
    expect(tab.session.getSnapshot().delivery.kind).toBe('device');
    const revision = (await tab.drafts.get(DRAFT))?.revision ?? 0;
    await outbox.markSent(DRAFT, revision, 5_000);
    expect((await until(tab.session, (s) => s.delivery.kind === 'backedUp')).delivery).toEqual({
      kind: 'backedUp',
      at: 5_000,
    });
    tab.session.answer('op.b', 'nei');
    await tab.session.flush();
    await until(tab.session, (s) => s.delivery.kind === 'device');
    await tab.session.submit();
    await until(tab.session, (s) => s.delivery.kind === 'submitting');
    const submitted = (await tab.drafts.get(DRAFT))?.revision ?? 0;
    await outbox.markSent(DRAFT, submitted, 9_000);
    expect((await until(tab.session, (s) => s.delivery.kind === 'submitted')).delivery).toEqual({
      kind: 'submitted',
      at: 9_000,
    });
    tab.session.close();
  });

  it('a commit that moves the delivery nowhere keeps its identity, so the line showing it does not re-render', async () => {
    await createDraft();
    const tab = openTab();
    await until(tab.session, (s) => s.phase === 'open');
    const before = tab.session.getSnapshot().delivery;
    const revision = tab.session.getSnapshot().draft?.revision ?? 0;
    tab.session.answer('op.a', 'ja');
    await tab.session.flush();
    // The watch reads this page's own commit back: a new revision, the same delivery.
    const after = await until(tab.session, (s) => (s.draft?.revision ?? 0) > revision);
    expect(after.delivery).toEqual({ kind: 'device' });
    expect(after.delivery).toBe(before);
    tab.session.close();
  });

  it('a refusal only the owner can fix is «attention»; a retry waiting for the network is not', async () => {
    await createDraft();
    const tab = openTab();
    const outbox = createOutbox(tab.db);
    await until(tab.session, (s) => s.phase === 'open');
    tab.session.answer('op.a', 'ja');
    await tab.session.flush();
    await outbox.markRetry(DRAFT, clock + 60_000);
    await until(tab.session, (s) => (s.draft?.revision ?? 0) > 0);
    expect(tab.session.getSnapshot().delivery.kind).toBe('device');
    await outbox.markProblem(DRAFT, 'no_access', clock + 3_600_000);
    await until(tab.session, (s) => s.delivery.kind === 'attention');
    tab.session.close();
  });
});

/** A worker that takes the request and crashes before replying. */
class DyingWorker extends EventTarget {
  onmessage: ((event: MessageEvent<SaveReply>) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  readonly received: SaveRequest[] = [];
  terminated = false;
  postMessage(request: SaveRequest) {
    this.received.push(request);
    setTimeout(() => this.onerror?.(new Event('error')), 0);
  }
  terminate() {
    this.terminated = true;
  }
}
