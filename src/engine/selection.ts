import { compile } from './compile.ts';
import type { Questionnaire } from './types.ts';

/**
 * A19/VA3: ticking an exclusive option («Nei, vi samarbeider ikke …», «Vet
 * ikke») clears the others, and ticking any other option clears the
 * exclusive ones. Returns the new selection in option order.
 */
export function toggleOption(
  spec: Questionnaire,
  questionId: string,
  selection: readonly string[],
  optionId: string,
  isChecked: boolean,
): string[] {
  const entry = compile(spec).entries.get(questionId);
  if (!entry) return [...selection];
  const exclusive = new Set(entry.options.filter((o) => o.exclusive).map((o) => o.id));
  let next: Set<string>;
  if (!isChecked) next = new Set(selection.filter((id) => id !== optionId));
  else if (exclusive.has(optionId)) next = new Set([optionId]);
  else next = new Set([...selection.filter((id) => !exclusive.has(id)), optionId]);
  return entry.options.map((o) => o.id).filter((id) => next.has(id));
}
