import { describe, expect, it } from 'vitest';
import {
  createAnsweringSession,
  type SessionStore,
  type StoredState,
} from '../../src/session/answeringSession.ts';
import { newDraftRecord } from '../../src/storage/records.ts';
import type { DraftRecord } from '../../src/storage/schema.ts';

/**
 * After «Send inn» the receipt opens at once; it must find the session
 * holding the submitted draft, not the draft as it was (which it would take
 * for answers never submitted). Storage here is a stub whose watch reports
 * only what the test tells it to, so nothing but `submit()` can change it.
 */
const DRAFT = '4f1c2a9e-1111-4aaa-8bbb-000000000002';

function stubStore(initial: DraftRecord) {
  let report: ((stored: StoredState) => void) | undefined;
  const store: SessionStore = {
    watch(_draftId, listener) {
      report = listener;
      listener({ draft: initial, outbox: undefined });
      return () => (report = undefined);
    },
    saveAnswers: () => Promise.resolve(),
    restore: () => Promise.resolve(),
    setPage: () => Promise.resolve(),
    submit: (_draftId, now) =>
      Promise.resolve({
        ...initial,
        status: 'submitted',
        submittedAt: now,
        revision: initial.revision + 1,
        updatedAt: now,
      }),
  };
  return { store, report: (stored: StoredState) => report?.(stored) };
}

function open(initial: DraftRecord) {
  const { store, report } = stubStore(initial);
  const session = createAnsweringSession({
    draftId: DRAFT,
    store,
    sync: { request: () => undefined, pull: () => Promise.resolve() },
    signals: { onLeaving: () => () => undefined, onResume: () => () => undefined },
    clock: () => 5_000,
  });
  return { session, report };
}

describe('submitting', () => {
  const draft = newDraftRecord({ id: 'stat-2021-operativ', version: 1 }, DRAFT, 1_000);

  it('holds the submitted draft once submit() resolves, before the watch reports the commit', async () => {
    const { session } = open(draft);
    expect(session.getSnapshot().draft?.status).toBe('draft');
    await session.submit();
    expect(session.getSnapshot().draft).toMatchObject({ status: 'submitted', submittedAt: 5_000 });
    session.close();
  });

  it('does not take back a read of the draft from before the submit committed', async () => {
    const { session, report } = open(draft);
    await session.submit();
    report({ draft, outbox: undefined });
    expect(session.getSnapshot().draft?.status).toBe('submitted');
    session.close();
  });
});
