import { carryOverAnswers, type Questionnaire } from '../engine/index.ts';
import type { DraftRecord, DraftStore } from '../storage/lazy.ts';

/**
 * VE1: an open draft begun on an older questionnaire version moves to the
 * newest one the app has, keeping every answer that still fits. Both specs
 * are loaded first (precached, so this works offline); the answers are
 * carried inside the storage transaction, so an answer written meanwhile
 * moves with them, and a draft another tab moved already is left alone.
 */
export interface VersionMoveDeps {
  /** The newest version of a questionnaire in this build, if it has one. */
  readonly latestVersion: (questionnaireId: string) => number | undefined;
  readonly loadSpec: (id: string, version: number) => Promise<Questionnaire>;
  readonly store: () => Promise<Pick<DraftStore, 'moveToVersion'>>;
  readonly now: () => number;
}

/** The moved draft, or undefined when there was nothing to move. */
export async function moveToLatestVersion(
  deps: VersionMoveDeps,
  draft: Pick<DraftRecord, 'id' | 'questionnaireId' | 'questionnaireVersion'>,
): Promise<DraftRecord | undefined> {
  const { id, questionnaireId, questionnaireVersion: version } = draft;
  const latest = deps.latestVersion(questionnaireId);
  if (latest === undefined || latest <= version) return undefined;
  const [from, to] = await Promise.all([
    deps.loadSpec(questionnaireId, version),
    deps.loadSpec(questionnaireId, latest),
  ]);
  const store = await deps.store();
  return store.moveToVersion(
    id,
    { from: version, to: latest, carry: (answers) => carryOverAnswers(from, to, answers) },
    deps.now(),
  );
}
