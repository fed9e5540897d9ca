import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  computeVisibility,
  indicatorProfile,
  parseQuestionnaire,
  validateResponse,
  validateSection,
  type Answers,
  type AnswerValue,
  type Questionnaire,
} from '../src/engine/index.ts';
import { answerSequence, syntheticSpec } from './syntheticSpec.ts';

/**
 * `npm run bench:engine`: the engine's work per answer change, replaying a
 * respondent who answers every question in order. Reports median and p95 in
 * microseconds. Target (issue 2): whole-spec visibility + validation under
 * 1 ms median for 300 questions in Node.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function measure(
  spec: Questionnaire,
  label: string,
  work: (answers: Answers, sectionId: string) => unknown,
) {
  const sequence = answerSequence(spec);
  const sectionOf = new Map(spec.sections.flatMap((s) => s.questions.map((q) => [q.id, s.id])));
  const samples: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const answers: Record<string, AnswerValue> = {};
    for (const [id, value] of sequence) {
      answers[id] = value;
      const start = performance.now();
      work(answers, sectionOf.get(id) ?? '');
      samples.push(performance.now() - start);
    }
  }
  samples.sort((a, b) => a - b);
  const us = (ms: number) => `${(ms * 1000).toFixed(1).padStart(8)} µs`;
  console.log(
    `  ${label.padEnd(44)} median ${us(percentile(samples, 50))}   p95 ${us(percentile(samples, 95))}   (n=${samples.length})`,
  );
}

function report(spec: Questionnaire) {
  const questions = spec.sections.reduce((n, s) => n + s.questions.length, 0);
  console.log(`${spec.id}: ${questions} questions on ${spec.sections.length} pages`);
  measure(spec, 'visibility (whole spec)', (a) => computeVisibility(spec, a));
  measure(spec, 'visibility + validation of the current page', (a, s) =>
    validateSection(spec, a, s),
  );
  measure(spec, 'visibility + validation of the whole spec', (a) => validateResponse(spec, a));
  measure(spec, 'indicator profile', (a) => indicatorProfile(spec, a));
}

console.log(`Node ${process.version}, ${ROUNDS} rounds of answering every question\n`);
report(syntheticSpec());
for (const file of (await readdir('questionnaires')).filter((f) => f.endsWith('.json')).sort()) {
  const parsed = parseQuestionnaire(
    JSON.parse(await readFile(join('questionnaires', file), 'utf8')),
  );
  if (parsed.ok) report(parsed.value);
}
