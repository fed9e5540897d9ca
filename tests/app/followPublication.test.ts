import { describe, expect, it } from 'vitest';
import type { PublicationDocument } from '../../src/engine/index.ts';
import {
  followPublication,
  SERVER_WAIT_MS,
  type PublicationSources,
  type PublicationState,
} from '../../src/features/results/followPublication.ts';
import type { BenchmarkRecord } from '../../src/storage/index.ts';
import type { PublicationReply } from '../../src/sync/publicationClient.ts';

/**
 * The states the results screen shows for the average, in order: the
 * server's reply when it comes within `SERVER_WAIT_MS` (drawn once, nothing
 * moves), else the saved copy (or «fetching») until it comes.
 */

const document = (number: number): PublicationDocument => ({
  questionnaireId: 'q',
  number,
  publishedAt: 1_700_000_000_000 + number,
  k: 5,
  respondents: 12,
  isSimulated: false,
  group: null,
  indicators: { kultur: { national: { mean: 61, n: 12 }, groups: {}, items: {}, from: 1 } },
  earlierDates: {},
});

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** A server whose reply and a clock whose deadline the test releases by hand. */
function setup(saved?: BenchmarkRecord) {
  const reply = deferred<PublicationReply>();
  const deadline = deferred<undefined>();
  const stored: BenchmarkRecord[] = saved ? [saved] : [];
  const waited: number[] = [];
  const sources: PublicationSources = {
    fetchPublication: () => reply.promise,
    cache: {
      get: (id) => Promise.resolve(stored.find((r) => r.questionnaireId === id)),
      put: (record) => {
        stored.push(record);
        return Promise.resolve();
      },
    },
    now: () => 42,
    wait: (ms) => {
      waited.push(ms);
      return deadline.promise.then(() => undefined);
    },
  };
  const shown: PublicationState[] = [];
  const done = followPublication('q', sources, (state) => shown.push(state));
  return { reply, deadline, stored, waited, shown, done };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the average on the results screen', () => {
  it('is drawn once from a reply that comes in time, not first from the saved copy', async () => {
    const run = setup({ questionnaireId: 'q', document: document(1), fetchedAt: 7 });
    await flush();
    expect(run.waited).toEqual([SERVER_WAIT_MS]);
    expect(run.shown).toEqual([]);
    run.reply.resolve({ kind: 'published', publication: document(2) });
    await run.done;
    expect(run.shown).toEqual([{ status: 'published', publication: document(2), savedAt: null }]);
    expect(run.stored.at(-1)).toEqual({
      questionnaireId: 'q',
      document: document(2),
      fetchedAt: 42,
    });
  });

  it('shows the saved copy, marked as saved, once the wait is over, and the reply when it comes', async () => {
    const run = setup({ questionnaireId: 'q', document: document(1), fetchedAt: 7 });
    await flush();
    run.deadline.resolve(undefined);
    await flush();
    expect(run.shown).toEqual([{ status: 'published', publication: document(1), savedAt: 7 }]);
    run.reply.resolve({ kind: 'published', publication: document(2) });
    await run.done;
    expect(run.shown.at(-1)).toEqual({
      status: 'published',
      publication: document(2),
      savedAt: null,
    });
  });

  it('says it is asking the server when nothing is saved and no reply came in time', async () => {
    const run = setup();
    run.deadline.resolve(undefined);
    await flush();
    expect(run.shown).toEqual([{ status: 'fetching' }]);
    run.reply.resolve({ kind: 'notPublished', k: 5 });
    await run.done;
    expect(run.shown.at(-1)).toEqual({ status: 'notPublished', k: 5 });
  });

  it('keeps the saved copy when the server cannot be reached, and says so when there is none', async () => {
    const withCopy = setup({ questionnaireId: 'q', document: document(1), fetchedAt: 7 });
    withCopy.reply.resolve({ kind: 'failed' });
    await withCopy.done;
    expect(withCopy.shown).toEqual([{ status: 'published', publication: document(1), savedAt: 7 }]);

    const without = setup();
    without.reply.resolve({ kind: 'failed' });
    await without.done;
    expect(without.shown).toEqual([{ status: 'unavailable' }]);
  });

  it('ignores a saved copy that is not a publication of this questionnaire', async () => {
    const run = setup({ questionnaireId: 'q', document: { number: 'x' }, fetchedAt: 7 });
    run.deadline.resolve(undefined);
    await flush();
    expect(run.shown).toEqual([{ status: 'fetching' }]);
  });
});
