import { useCallback, useEffect, useState, type SyntheticEvent } from 'react';
import { createRoot } from 'react-dom/client';
import {
  compile,
  computeVisibility,
  localize,
  withEntry,
  type AnswerValue,
  type Answers,
  type ChoiceOption,
  type Questionnaire,
} from '../../src/engine/index.ts';
import { BareQuestion } from './BareQuestion.tsx';

/**
 * The floor of `npm run bench:app`: a complete but minimal answering page for
 * the same questionnaire JSON. Every page of it in a `form[data-section]`
 * with a «Neste» submit button, the questions as plain inputs under the
 * app's `data-name` roots, answers in React state, and skip logic through the
 * engine's `computeVisibility` — what any page answering this questionnaire
 * must compute. Nothing else: no Dexie, Formik, i18n, design system, worker
 * or service worker, no validation and no saving. The last page's «Neste»
 * goes to `/oppsummering` like the app's, which the walk takes as its end.
 */
const NO_OPTIONS: readonly ChoiceOption[] = [];
const REVIEW = null;

function BarePage({ spec }: { spec: Questionnaire }) {
  const [answers, setAnswers] = useState<Answers>({});
  const visibility = computeVisibility(spec, answers);
  const pages = spec.sections.filter((s) => visibility.sections.has(s.id)).map((s) => s.id);
  const [sectionId, setSectionId] = useState<string | typeof REVIEW>(() => pages[0] ?? REVIEW);
  // Stable, so that a memoised question re-renders only for its own answer.
  const onChange = useCallback(
    (questionId: string, value: AnswerValue | null) =>
      setAnswers((previous) => withEntry(previous, questionId, value)),
    [],
  );
  // A block body: Chromium's scrollTo now returns a promise, which React would take for a cleanup.
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [sectionId]);

  const section = spec.sections.find((s) => s.id === sectionId);
  if (!section) {
    return (
      <main>
        <h1>Oppsummering</h1>
        <p>{Object.keys(visibility.answers).length} svar</p>
      </main>
    );
  }
  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    const next = pages[pages.indexOf(section.id) + 1];
    history.pushState(null, '', next ? `/?side=${encodeURIComponent(next)}` : '/oppsummering');
    setSectionId(next ?? REVIEW);
  };
  const { entries } = compile(spec);
  return (
    <form data-section={section.id} noValidate onSubmit={onSubmit}>
      <p>{localize(spec.title, 'nb', spec)}</p>
      <h1>{localize(section.title, 'nb', spec)}</h1>
      {section.questions
        .filter((q) => visibility.questions.has(q.id))
        .map((question) => (
          <BareQuestion
            key={question.id}
            spec={spec}
            question={question}
            options={entries.get(question.id)?.options ?? NO_OPTIONS}
            value={answers[question.id]}
            hiddenRows={[...(visibility.hiddenRows.get(question.id) ?? [])].join(',')}
            pipedFrom={
              question.type === 'grid' && question.rows.some((r) => r.pipe !== undefined)
                ? answers
                : undefined
            }
            onChange={onChange}
          />
        ))}
      <button type="submit">Neste</button>
    </form>
  );
}

function App() {
  const [spec, setSpec] = useState<Questionnaire | null>(null);
  useEffect(() => {
    // The file the app checked against its build's hash: taken as it is, like the app does (SPEC PA11).
    void fetch('/questionnaire.json')
      .then((response) => response.json() as Promise<Questionnaire>)
      .then(setSpec);
  }, []);
  return spec ? <BarePage spec={spec} /> : <p>…</p>;
}

const root = document.getElementById('root');
if (root) createRoot(root).render(<App />);
