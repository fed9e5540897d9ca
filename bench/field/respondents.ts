import { simulatedAnswers } from '../../src/cli/simulatedAnswers.ts';
import {
  checkSubmission,
  compile,
  type AnswerValue,
  type Questionnaire,
} from '../../src/engine/index.ts';
import type { PlannedRespondent } from './page/fieldApi.ts';

/**
 * The respondents `npm run bench:field` collects: questionnaires taken in turn, each respondent's
 * answers `seed:demo`'s simulated ones (every question the skip logic shows), about
 * `completeShare` of them answered to the end and submitted, the rest stopped after a random page
 * and left as drafts. Every one is checked with the engine's `checkSubmission`, as the server will
 * check it; a draw it refuses is drawn again.
 */
const DRAWS = 50;

export function planRespondents(
  specs: readonly Questionnaire[],
  count: number,
  completeShare: number,
  random: () => number,
): PlannedRespondent[] {
  return Array.from({ length: count }, (_, i) => {
    const spec = specs[i % specs.length]!;
    const submit = random() < completeShare;
    for (let draw = 0; draw < DRAWS; draw++) {
      const planned = respondent(spec, i + 1, submit, random);
      const answers = Object.assign({}, ...planned.saves) as Record<string, AnswerValue>;
      if (checkSubmission(spec, answers, submit ? 'submitted' : 'draft').ok) return planned;
    }
    throw new Error(`${spec.id}: no valid respondent in ${DRAWS} draws`);
  });
}

function respondent(
  spec: Questionnaire,
  n: number,
  submit: boolean,
  random: () => number,
): PlannedRespondent {
  const answers = simulatedAnswers(spec, random);
  const sections = spec.sections.length;
  // A partial respondent stopped after one of the pages before the last.
  const pages = submit ? sections : 1 + Math.floor(random() * Math.max(1, sections - 1));
  const saves = spec.sections.slice(0, pages).map((): Record<string, AnswerValue> => ({}));
  const pageOf = new Map(spec.sections.map((s, index) => [s.id, index]));
  for (const { question, section } of compile(spec).questions) {
    const value = answers[question.id];
    const save = saves[pageOf.get(section.id) ?? -1];
    if (value !== undefined && save) save[question.id] = value;
  }
  return {
    questionnaire: { id: spec.id, version: spec.version },
    label: `Respondent ${n}`,
    saves: saves.filter((save) => Object.keys(save).length > 0),
    submit,
  };
}
