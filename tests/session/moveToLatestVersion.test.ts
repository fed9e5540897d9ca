import 'fake-indexeddb/auto';

import { describe, expect, it } from 'vitest';
import { testDatabase } from '../storage/testDatabases.ts';
import {
  moveToLatestVersion,
  type VersionMoveDeps,
} from '../../src/session/moveToLatestVersion.ts';
import { createDraftStore, type DraftStore } from '../../src/storage/drafts.ts';
import type { Questionnaire } from '../../src/engine/index.ts';
import { inlineSpec, t } from '../fixtures/inlineSpec.ts';

/**
 * VE1 with two versions of one questionnaire, on real IndexedDB semantics
 * (fake-indexeddb) and two connections standing for two tabs: version 2
 * mends only wordings, as the questionnaires' version 2 files do.
 */
const ID = 'versioned';
const DRAFT = '4f1c2a9e-2222-4aaa-8bbb-000000000001';

function version(n: 1 | 2): Questionnaire {
  return inlineSpec(
    [
      {
        id: 's',
        title: t('S'),
        questions: [
          {
            id: 'mal',
            type: 'multiple',
            text: t('Mål'),
            options: [
              { id: 'kvalitet', text: t('Kvalitet') },
              { id: 'annet', text: t(n === 1 ? 'Annet, vennligst spesifiser:' : 'Annet') },
            ],
          },
          {
            id: 'mal_tekst',
            type: 'text',
            text: t(n === 1 ? 'Annet mål, vennligst spesifiser:' : 'Hvilket annet mål?'),
            maxLength: 200,
            specifies: { question: 'mal', option: 'annet' },
          },
          { id: 'ansatte', type: 'single', text: t('Ansatte'), scale: 'JN' },
        ],
      },
    ],
    { id: ID, version: n },
  );
}

const SPECS = new Map([1, 2].map((n) => [n, version(n as 1 | 2)]));

function tab(): DraftStore {
  return createDraftStore(testDatabase(), testDatabase());
}

function deps(store: Pick<DraftStore, 'moveToVersion'>, latest = 2): VersionMoveDeps {
  return {
    latestVersion: (id) => (id === ID ? latest : undefined),
    loadSpec: (_id, n) => {
      const spec = SPECS.get(n);
      return spec ? Promise.resolve(spec) : Promise.reject(new Error(`no version ${n}`));
    },
    store: () => Promise.resolve(store),
    now: () => 5000,
  };
}

async function v1Draft(store: DraftStore) {
  await store.create({ id: ID, version: 1 }, DRAFT, 1000);
  return store.saveAnswers(DRAFT, { mal: ['annet'], mal_tekst: 'Bedre arbeidsmiljø' }, 2000);
}

describe('VE1: a draft begun on version 1 after version 2 is published', () => {
  it('moves to version 2 with every answer when only wordings changed, and says so', async () => {
    const store = tab();
    await v1Draft(store);
    const moved = await moveToLatestVersion(deps(store), {
      id: DRAFT,
      questionnaireId: ID,
      questionnaireVersion: 1,
    });
    expect(moved).toMatchObject({
      questionnaireVersion: 2,
      answers: { mal: ['annet'], mal_tekst: 'Bedre arbeidsmiljø' },
      answeredAt: { mal: 2000, mal_tekst: 2000 },
      migratedFrom: { version: 1, dropped: [] },
      revision: 2,
    });
    expect(await store.get(DRAFT)).toEqual(moved);
  });

  it('keeps an answer that another tab wrote after the move was prepared and before it was stored', async () => {
    const store = tab();
    const other = tab();
    await v1Draft(store);
    // The other tab's answer commits just before the move's own transaction starts.
    const racing: Pick<DraftStore, 'moveToVersion'> = {
      async moveToVersion(...args) {
        await other.saveAnswers(DRAFT, { ansatte: 'ja' }, 4000);
        return store.moveToVersion(...args);
      },
    };
    const moved = await moveToLatestVersion(deps(racing), {
      id: DRAFT,
      questionnaireId: ID,
      questionnaireVersion: 1,
    });
    expect(moved?.questionnaireVersion).toBe(2);
    expect((await store.get(DRAFT))?.answers).toEqual({
      mal: ['annet'],
      mal_tekst: 'Bedre arbeidsmiljø',
      ansatte: 'ja',
    });
  });

  it('is done once when two tabs open the draft at the same time', async () => {
    const first = tab();
    const second = tab();
    await v1Draft(first);
    const draft = { id: DRAFT, questionnaireId: ID, questionnaireVersion: 1 };
    const [a, b] = await Promise.all([
      moveToLatestVersion(deps(first), draft),
      moveToLatestVersion(deps(second), draft),
    ]);
    expect([a, b].filter((moved) => moved !== undefined)).toHaveLength(1);
    expect(await first.get(DRAFT)).toMatchObject({
      questionnaireVersion: 2,
      revision: 2,
      migratedFrom: { version: 1, dropped: [] },
    });
  });

  it('leaves a draft on the newest version, and a submitted one, where they are', async () => {
    const store = tab();
    await v1Draft(store);
    const draft = { id: DRAFT, questionnaireId: ID, questionnaireVersion: 1 };
    expect(await moveToLatestVersion(deps(store, 1), draft)).toBeUndefined();
    await store.submit(DRAFT, 3000);
    expect(await moveToLatestVersion(deps(store), draft)).toBeUndefined();
    expect(await store.get(DRAFT)).toMatchObject({
      questionnaireVersion: 1,
      status: 'submitted',
      migratedFrom: null,
    });
  });
});
