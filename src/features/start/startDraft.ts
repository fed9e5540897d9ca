import { computeVisibility, type Questionnaire } from '../../engine/index.ts';
import { fetchCatalog, latestVersions, loadQuestionnaire } from '../../app/catalog.ts';
import { draftStore, type DraftRecord } from '../../storage/index.ts';
import { rememberDraft } from '../questionnaire/useDraft.ts';

export interface StartedDraft {
  readonly draft: DraftRecord;
  readonly spec: Questionnaire;
  /** The page the new draft opens on. */
  readonly firstPage: string | null;
}

/**
 * Creates a draft with a fresh UUID on the newest version of a questionnaire.
 * The questionnaire file and the IndexedDB write run at the same time: the
 * first page needs both, and neither needs the other.
 */
export async function startDraft(questionnaireId: string, now: number): Promise<StartedDraft> {
  const entry = latestVersions(await fetchCatalog()).find((e) => e.id === questionnaireId);
  if (!entry) throw new Error(`unknown questionnaire ${questionnaireId}`);
  const spec = loadQuestionnaire(entry.id, entry.version);
  // Awaited below; a failure is reported there, not as an unhandled rejection here.
  spec.catch(() => undefined);
  const draft = await draftStore().create(entry, crypto.randomUUID(), now);
  rememberDraft(draft);
  const loaded = await spec;
  const sections = computeVisibility(loaded, draft.answers).sections;
  return {
    draft,
    spec: loaded,
    firstPage: loaded.sections.find((s) => sections.has(s.id))?.id ?? null,
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
