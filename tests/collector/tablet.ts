import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import i18next from 'i18next';
import nb from '../../locales/nb.json';
import nn from '../../locales/nn.json';
import type { Questionnaire } from '../../src/engine/index.ts';
import type { WordTools } from '../../src/features/collector/formats.ts';
import { sha256Hex } from '../../src/server/tokens.ts';
import { createCollectorStore } from '../../src/storage/collector.ts';
import { openDatabase } from '../../src/storage/database.ts';
import { createDraftStore } from '../../src/storage/drafts.ts';
import { createOutbox } from '../../src/storage/outbox.ts';
import {
  batchSync,
  removeCollectedWhenAcknowledged,
  type BatchProgress,
} from '../../src/sync/batchSync.ts';
import { buildExportFile } from '../../src/sync/collectorExport.ts';
import { createSender } from '../../src/sync/sender.ts';
import { inlineSpec, likert, t } from '../fixtures/inlineSpec.ts';

/**
 * A collector's tablet for the panels' tests: its own in-memory IndexedDB,
 * the real collector, draft and outbox stores, the real sender and batch,
 * and the real export builder, wired as `startSync.ts` wires the page's.
 */
export const spec: Questionnaire = inlineSpec(
  [{ id: 's', title: t('S'), questions: [likert('k1'), likert('k2')] }],
  { id: 'feltarbeid' },
);

export const BASE = 'http://barometer.test';
export const responseIdOf = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export async function tablet(options: {
  readonly collectorId: string;
  readonly token: string;
  readonly link?: typeof fetch;
  readonly now: () => number;
}) {
  const db = openDatabase({ indexedDB: new IDBFactory(), IDBKeyRange });
  const drafts = createDraftStore(db, db);
  const outbox = createOutbox(db);
  const collector = createCollectorStore(db);
  const offline: typeof fetch = () => Promise.reject(new TypeError('Failed to fetch'));
  let link = options.link ?? offline;
  const sender = createSender({
    drafts,
    outbox,
    loadSpec: () => Promise.resolve(spec),
    fetch: (input, init) => link(input, init),
    baseUrl: BASE,
    now: options.now,
    random: () => 0.5,
    sha256Hex,
    // As the app wires it (startSync.ts): an acknowledged collected submission leaves the device.
    afterAcknowledged: removeCollectedWhenAcknowledged(collector, options.now),
  });
  await collector.enrol({
    collectorId: options.collectorId,
    token: options.token,
    label: 'Team Nord',
    questionnaireIds: [spec.id],
    expiresAt: options.now() + 30 * 86_400_000,
    enrolledAt: options.now(),
  });
  return {
    drafts,
    collector,
    /** The link from now on. */
    relink(next: typeof fetch) {
      link = next;
    },
    /** `sendCollectedNow` without the page's lock, and with no pauses between tries. */
    sendAll: (onProgress: (progress: BatchProgress) => void) =>
      batchSync({
        sender,
        collector,
        now: options.now,
        onProgress,
        sleep: () => Promise.resolve(),
      }),
    /** `exportCollected`. */
    exportFile: ({ includeLabels }: { includeLabels: boolean }) =>
      buildExportFile({
        collector,
        loadSpec: () => Promise.resolve(spec),
        now: options.now,
        sha256Hex,
        includeLabels,
      }),
    /** Respondent `n`'s response: started, and answered and submitted when asked. */
    async collect(n: number, how: { answer?: boolean; submit?: boolean } = {}) {
      await collector.startRespondent({
        questionnaire: { id: spec.id, version: 1 },
        label: `Arbeidsplass ${n}`,
        responseId: responseIdOf(n),
        respondentToken: `slip-${n}-`.padEnd(43, 's'),
        now: options.now(),
      });
      if (how.answer === false) return;
      await drafts.saveAnswers(
        responseIdOf(n),
        { k1: 'helt_enig', k2: 'delvis_enig' },
        options.now(),
      );
      if (how.submit) await drafts.submit(responseIdOf(n), options.now());
    },
  };
}

const texts = i18next.createInstance();
await texts.init({
  lng: 'nb',
  fallbackLng: false,
  resources: { nb: { translation: nb }, nn: { translation: nn } },
  interpolation: { escapeValue: false },
});

/** The real locale files, with no fallback: a key missing in a language shows as the key. */
export const wordTools = (language: 'nb' | 'nn' = 'nb'): WordTools => ({
  t: texts.getFixedT(language),
  language,
});

/** Intl's spaces (no-break, narrow no-break) as plain ones, so expectations read as text. */
export const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
