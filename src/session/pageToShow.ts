import type { Answers, Questionnaire } from '../engine/index.ts';
import { visibilityOf } from './visibilityOf.ts';

/**
 * The page a draft opens on: the one asked for, else the one it was left on,
 * else the first visible page, skipping any the answers now hide. Undefined
 * only when no page is visible at all.
 */
export function pageToShow(
  spec: Questionnaire,
  draft: { readonly answers: Answers; readonly page?: string | null },
  requested: string | null,
): string | undefined {
  const visible = visibilityOf(spec, draft.answers).sections;
  return (
    [requested, draft.page].find((s): s is string => typeof s === 'string' && visible.has(s)) ??
    spec.sections.find((s) => visible.has(s.id))?.id
  );
}
