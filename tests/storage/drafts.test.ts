import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, DATABASE_NAME } from '../../src/storage/database.ts';
import {
  classifyStorageError,
  createDraftStore,
  DraftMissingError,
  DraftSubmittedError,
  newDraftRecord,
} from '../../src/storage/drafts.ts';
import frozenV1 from './fixtures/v1-draft.json';

const questionnaire = { id: 'stat-2021-operativ', version: 1 };
const opened: Dexie[] = [];

/** A store as one browser tab holds it: its own connections to the shared database. */
function tab() {
  const db = openDatabase();
  const strict = openDatabase({ durability: 'strict' });
  opened.push(db, strict);
  return createDraftStore(db, strict);
}

afterEach(async () => {
  opened.splice(0).forEach((db) => db.close());
  await Dexie.delete(DATABASE_NAME);
});

describe('drafts in IndexedDB', () => {
  it('an answer given while the new draft is still being written lands after it, on the draft the page showed', async () => {
    const store = tab();
    const shown = newDraftRecord(questionnaire, 'd0', 1000);
    // The page renders `shown` at once; the first answer does not wait for the create to commit.
    const created = store.create(questionnaire, 'd0', 1000);
    const answered = store.saveAnswers('d0', { 'op.bakgrunn.ansatte': '10_49' }, 1500);
    await Promise.all([created, answered]);
    const stored = await store.get('d0');
    expect(stored).toEqual({
      ...shown,
      answers: { 'op.bakgrunn.ansatte': '10_49' },
      answeredAt: { 'op.bakgrunn.ansatte': 1500 },
      revision: 1,
      updatedAt: 1500,
    });
    expect((await store.db.outbox.get('d0'))?.queuedRevision).toBe(1);
  });

  it('keeps each answer with its change time and bumps the revision on every save', async () => {
    const store = tab();
    await store.create(questionnaire, 'd1', 1000);
    await store.saveAnswers('d1', { 'op.kultur.handlingsrom': 'helt_enig' }, 2000);
    const draft = await store.saveAnswers('d1', { 'op.bakgrunn.ansatte': '10_49' }, 3000);
    expect(draft.answers).toEqual({
      'op.kultur.handlingsrom': 'helt_enig',
      'op.bakgrunn.ansatte': '10_49',
    });
    expect(draft.answeredAt).toEqual({
      'op.kultur.handlingsrom': 2000,
      'op.bakgrunn.ansatte': 3000,
    });
    expect(draft.revision).toBe(2);
    expect(await store.get('d1')).toEqual(draft);
  });

  it('clearing an answer removes it but remembers when, so merges see the clearing', async () => {
    const store = tab();
    await store.create(questionnaire, 'd1', 1000);
    await store.saveAnswers('d1', { q: 'ja' }, 2000);
    const draft = await store.saveAnswers('d1', { q: null }, 3000);
    expect(draft.answers).toEqual({});
    expect(draft.answeredAt).toEqual({ q: 3000 });
  });

  it('two tabs saving different answers at the same time keep both', async () => {
    const [a, b] = [tab(), tab()];
    await a.create(questionnaire, 'd1', 1000);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 === 0 ? a : b).saveAnswers('d1', { [`q${i}`]: `v${i}` }, 2000 + i),
      ),
    );
    const draft = await a.get('d1');
    expect(Object.keys(draft?.answers ?? {})).toHaveLength(20);
    expect(draft?.revision).toBe(20);
  });

  it('a draft that disappeared (cleared storage) is reported, not silently recreated', async () => {
    const store = tab();
    await store.create(questionnaire, 'd1', 1000);
    await store.db.drafts.clear();
    const error = await store.saveAnswers('d1', { q: 'ja' }, 2000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DraftMissingError);
    expect(classifyStorageError(error)).toBe('missing');
  });

  it('a submitted draft is not changed afterwards', async () => {
    const store = tab();
    await store.create(questionnaire, 'd1', 1000);
    const submitted = await store.submit('d1', 2000);
    expect(submitted).toMatchObject({ status: 'submitted', submittedAt: 2000, revision: 1 });
    const error = await store.saveAnswers('d1', { q: 'ja' }, 3000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DraftSubmittedError);
  });

  it('VE1: moving to a newer questionnaire version keeps what fits and records what was dropped', async () => {
    const store = tab();
    await store.create(questionnaire, 'd1', 1000);
    await store.saveAnswers('d1', { kept: 'ja', gone: 'nei' }, 2000);
    const moved = await store.moveToVersion(
      'd1',
      {
        from: 1,
        to: 2,
        carry: (answers) => ({
          answers: Object.fromEntries(Object.entries(answers).filter(([id]) => id !== 'gone')),
          dropped: ['gone'],
        }),
      },
      3000,
    );
    expect(moved).toMatchObject({
      questionnaireVersion: 2,
      answers: { kept: 'ja' },
      answeredAt: { kept: 2000 },
      migratedFrom: { version: 1, dropped: ['gone'] },
      revision: 2,
    });
    expect((await store.db.outbox.get('d1'))?.queuedRevision).toBe(2);
  });

  it('VE1: a draft no longer on the version it was to move from is left as it is', async () => {
    const store = tab();
    await store.create(questionnaire, 'd1', 1000);
    await store.saveAnswers('d1', { kept: 'ja' }, 2000);
    const move = { from: 2, to: 3, carry: () => ({ answers: {}, dropped: ['kept'] }) };
    expect(await store.moveToVersion('d1', move, 3000)).toBeUndefined();
    expect(await store.get('d1')).toMatchObject({ questionnaireVersion: 1, revision: 1 });
  });

  it('lists drafts newest first', async () => {
    const store = tab();
    await store.create(questionnaire, 'old', 1000);
    await store.create(questionnaire, 'new', 2000);
    expect((await store.list()).map((d) => d.id)).toEqual(['new', 'old']);
  });
});

describe('classifyStorageError', () => {
  it('recognises a full disk however it is wrapped', () => {
    const native = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    expect(classifyStorageError(native)).toBe('quota');
    expect(classifyStorageError(new Dexie.QuotaExceededError('full'))).toBe('quota');
    const wrapped = new Dexie.AbortError('aborted', native);
    expect(classifyStorageError(wrapped)).toBe('quota');
  });

  it('anything else is "unavailable"', () => {
    expect(classifyStorageError(new Error('boom'))).toBe('unavailable');
  });
});

describe('stored shapes are versioned', () => {
  it('version 2 (sync) upgrades a database written by version 1: the draft is kept and queued for sending', async () => {
    // Frozen copy of the version 1 declaration, as shipped.
    const v1 = new Dexie(DATABASE_NAME);
    v1.version(1).stores({ drafts: 'id, questionnaireId, updatedAt, status' });
    await v1.table('drafts').put(frozenV1);
    v1.close();

    const store = tab();
    expect(await store.db.outbox.get(frozenV1.id)).toMatchObject({
      queuedRevision: frozenV1.revision,
      sentRevision: 0,
    });
    const draft = await store.saveAnswers(
      frozenV1.id,
      { 'op.kultur.handlingsrom': 'delvis_enig' },
      5000,
    );
    expect(draft.answers).toMatchObject({
      'op.bakgrunn.ansatte': '10_49',
      'op.kultur.handlingsrom': 'delvis_enig',
    });
    expect(draft.revision).toBe(frozenV1.revision + 1);
  });
});

describe('version 3', () => {
  it('keeps the last benchmark per questionnaire for offline use', async () => {
    const store = tab();
    await store.db.benchmarks.put({
      questionnaireId: 'q',
      document: { respondents: 5 },
      fetchedAt: 1000,
    });
    expect(await store.db.benchmarks.get('q')).toEqual({
      questionnaireId: 'q',
      document: { respondents: 5 },
      fetchedAt: 1000,
    });
  });
});

describe('SY1: every save enqueues the latest revision', () => {
  it('creating, answering and submitting keep the outbox at the draft revision', async () => {
    const store = tab();
    await store.create(questionnaire, 'd1', 1000);
    expect(await store.db.outbox.get('d1')).toMatchObject({ queuedRevision: 0, sentRevision: 0 });
    await store.saveAnswers('d1', { q: 'ja' }, 2000);
    await store.saveAnswers('d1', { q: 'nei' }, 3000);
    expect((await store.db.outbox.get('d1'))?.queuedRevision).toBe(2);
    await store.submit('d1', 4000);
    expect((await store.db.outbox.get('d1'))?.queuedRevision).toBe(3);
  });

  it('moving to another page is not a new revision and sends nothing', async () => {
    const store = tab();
    await store.create(questionnaire, 'd1', 1000);
    await store.setPage('d1', 'kultur', 2000);
    expect((await store.db.outbox.get('d1'))?.queuedRevision).toBe(0);
  });
});
