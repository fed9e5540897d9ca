import { catalogEntries, latestVersions, loadQuestionnaire } from '../platform/catalog.ts';
import { storageAfterPaint } from '../platform/storageAfterPaint.ts';
import {
  newDraftRecord,
  openDraftsDirect,
  readDraftDirect,
  readEnrolmentAtStart,
  type DraftRecord,
} from '../storage/lazy.ts';
import { openSession } from './browserSession.ts';
import { pageToShow } from './pageToShow.ts';

export interface StartedDraft {
  readonly draft: DraftRecord;
  /** The draft's IndexedDB write; its failure is what the person is told. */
  readonly stored: Promise<unknown>;
  /** The page it opens on, named in the address from the start so the first screen renders once. */
  readonly page: string | null;
}

/**
 * Begins a draft with a fresh UUID on the newest version of a questionnaire
 * and opens its session. Resolves once the questionnaire is loaded, with the
 * page to open; the IndexedDB write follows the first paint, and the
 * session's first answer waits for it, so no answer is written before its draft.
 */
export async function startDraft(questionnaireId: string, now: number): Promise<StartedDraft> {
  // No await before the fetch: on the first screen it starts while the app is still being evaluated.
  const entry = latestVersions(catalogEntries()).find((e) => e.id === questionnaireId);
  if (!entry) throw new Error(`unknown questionnaire ${questionnaireId}`);
  const spec = loadQuestionnaire(entry.id, entry.version);
  const draftId = crypto.randomUUID();
  // Opening the database and writing the draft wait until the first page is painted: on a phone
  // that work would otherwise delay the first question, and no answer can come before it.
  const stored = storageAfterPaint().then((storage) =>
    storage.draftStore().create(entry, draftId, now),
  );
  // Awaited by whoever shows the outcome; not an unhandled rejection meanwhile.
  stored.catch(() => undefined);
  const draft = newDraftRecord(entry, draftId, now);
  openSession(draftId, { initial: draft, created: stored });
  // Loaded before the draft's page renders, which then finds it in the catalog's cache.
  const page = pageToShow(await spec, draft, null) ?? null;
  return { draft, stored, page };
}

let early: { readonly questionnaireId: string; readonly started: Promise<StartedDraft> } | null =
  null;

/** Called as the app starts on `/ny/<questionnaire>`, before React has rendered anything. */
export function startDraftEarly(questionnaireId: string, now: number): Promise<StartedDraft> {
  const started = startDraft(questionnaireId, now);
  started.catch(() => undefined);
  early = { questionnaireId, started };
  return started;
}

/** The draft begun as the app started, once; any later visit to `/ny/…` makes a new one. */
export function takeStartedDraft(questionnaireId: string, now: number): Promise<StartedDraft> {
  const taken = early?.questionnaireId === questionnaireId ? early.started : null;
  early = null;
  return taken ?? startDraft(questionnaireId, now);
}

/** The drafts of this questionnaire still being answered on this device, newest first. */
export function openDraftsOf(questionnaireId: string): Promise<DraftRecord[]> {
  return openDraftsDirect(questionnaireId);
}

let deliberate: string | null = null;

/** The person chose to begin another response to this questionnaire although one is open here. */
export function beginAnotherOnPurpose(questionnaireId: string): void {
  deliberate = questionnaireId;
}

/** Whether the coming `/ny/<questionnaire>` was asked for on purpose (once). */
export function takeOnPurpose(questionnaireId: string): boolean {
  const isDeliberate = deliberate === questionnaireId;
  deliberate = null;
  return isDeliberate;
}

/** Reads a draft as the app starts on its deep link (one plain IndexedDB request) and opens its session. */
export async function openDraftEarly(draftId: string): Promise<DraftRecord | undefined> {
  const draft = await readDraftDirect(draftId);
  if (draft) openSession(draftId, { initial: draft });
  return draft;
}

/** A collector's respondent held this device as the app started (SYNC.md SY20): nothing is started before the gate. */
export async function isHandedOver(): Promise<boolean> {
  return Boolean((await readEnrolmentAtStart())?.activeRespondent);
}
