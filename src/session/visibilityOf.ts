import {
  computeVisibility,
  type Answers,
  type Questionnaire,
  type Visibility,
} from '../engine/index.ts';

const computed = new WeakMap<Questionnaire, WeakMap<Answers, Visibility>>();

/**
 * `computeVisibility`, once per answers object: the session replaces the
 * answers on every change, so the page, its address check and its progress
 * share one computation per tap.
 */
export function visibilityOf(spec: Questionnaire, answers: Answers): Visibility {
  let bySpec = computed.get(spec);
  if (!bySpec) {
    bySpec = new WeakMap();
    computed.set(spec, bySpec);
  }
  let visibility = bySpec.get(answers);
  if (!visibility) {
    visibility = computeVisibility(spec, answers);
    bySpec.set(answers, visibility);
  }
  return visibility;
}
