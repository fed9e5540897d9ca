import { computeVisibility, type Questionnaire } from '../../engine/index.ts';
import { fetchCatalog, latestVersions, loadQuestionnaire } from '../../app/catalog.ts';
import { draftStore, newDraftRecord, type DraftRecord } from '../../storage/index.ts';
import { rememberDraft } from '../questionnaire/useDraft.ts';

export interface StartedDraft {
  readonly draft: DraftRecord;
  readonly spec: Questionnaire;
  /** The page the new draft opens on. */
  readonly firstPage: string | null;
  /** The draft's IndexedDB write; its failure is what the person is told. */
  readonly stored: Promise<unknown>;
}

/**
 * Begins a draft with a fresh UUID on the newest version of a questionnaire.
 * Resolves once the questionnaire is loaded, with the IndexedDB write under
 * way: the first page can show while it commits, and every answer's own
 * transaction is queued behind it, so none can be written before the draft.
 */
export async function startDraft(questionnaireId: string, now: number): Promise<StartedDraft> {
  const entry = latestVersions(await fetchCatalog()).find((e) => e.id === questionnaireId);
  if (!entry) throw new Error(`unknown questionnaire ${questionnaireId}`);
  const spec = loadQuestionnaire(entry.id, entry.version);
  const draftId = crypto.randomUUID();
  const stored = draftStore().create(entry, draftId, now);
  // Awaited by whoever shows the outcome; not an unhandled rejection meanwhile.
  stored.catch(() => undefined);
  const draft = newDraftRecord(entry, draftId, now);
  rememberDraft(draft);
  const loaded = await spec;
  const sections = computeVisibility(loaded, draft.answers).sections;
  return {
    draft,
    spec: loaded,
    firstPage: loaded.sections.find((s) => sections.has(s.id))?.id ?? null,
    stored,
  };
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
