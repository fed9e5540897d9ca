import {
  compile,
  computeVisibility,
  type AnswerValue,
  type Questionnaire,
} from '../engine/index.ts';

/**
 * Made-up respondents for a questionnaire, valid per the engine: `seed:demo`'s simulated
 * responses and `bench:field`'s collected ones. The same `random` gives the same answers.
 */

/** One simulated respondent: answers every question the skip logic shows, in page order. */
export function simulatedAnswers(
  spec: Questionnaire,
  random: () => number,
): Record<string, AnswerValue> {
  const answers: Record<string, AnswerValue> = {};
  const pick = <T>(items: readonly T[]): T | undefined =>
    items[Math.floor(random() * items.length)];
  for (const { question, options } of compile(spec).questions) {
    const visibility = computeVisibility(spec, answers);
    if (!visibility.questions.has(question.id)) continue;
    const scored = options.filter((o) => o.score !== undefined);
    // Lean towards agreement, as the report's figures do; «Vet ikke» now and then.
    const leaning = () =>
      (random() < 0.08 ? options.find((o) => o.score === undefined) : undefined) ??
      scored[Math.min(scored.length - 1, Math.floor(random() ** 0.7 * scored.length))];
    switch (question.type) {
      case 'single': {
        const option = scored.length > 1 ? leaning() : pick(options);
        if (option) answers[question.id] = option.id;
        break;
      }
      case 'multiple': {
        const plain = options.filter((o) => !o.exclusive);
        const chosen = plain.filter(() => random() < 0.35).map((o) => o.id);
        const exclusive = options.find((o) => o.exclusive);
        answers[question.id] =
          chosen.length > 0 ? chosen : exclusive ? [exclusive.id] : [plain[0]?.id ?? ''];
        break;
      }
      case 'grid': {
        const hidden = visibility.hiddenRows.get(question.id);
        answers[question.id] = Object.fromEntries(
          question.rows
            .filter((r) => !hidden?.has(r.id))
            .map((r) => [r.id, (leaning() ?? options[0])?.id ?? '']),
        );
        break;
      }
      case 'allocation': {
        const total = question.total ?? 100;
        const cuts = question.rows.map(() => random());
        const sum = cuts.reduce((a, b) => a + b, 0);
        const shares = cuts.map((c) => Math.floor((c / sum) * total));
        shares[0] = (shares[0] ?? 0) + total - shares.reduce((a, b) => a + b, 0);
        answers[question.id] = Object.fromEntries(
          question.rows.map((r, i) => [r.id, shares[i] ?? 0]),
        );
        break;
      }
      case 'number':
        answers[question.id] = Math.round(
          (question.min ?? 0) + random() * ((question.max ?? 100) - (question.min ?? 0)),
        );
        break;
      case 'text':
        if (question.specifies || question.required !== false)
          answers[question.id] = 'Simulert svar';
        break;
    }
  }
  return answers;
}
