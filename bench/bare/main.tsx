import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';

/**
 * The baseline of `npm run bench:app`: fetches the same questionnaire JSON and
 * renders its first page as plain fieldsets with radios (checkboxes for
 * multiple choice), each question's root under `data-name="<question id>"`,
 * like the app. Deliberately nothing else.
 */
interface Text {
  readonly nb: string;
}
interface Option {
  readonly id: string;
  readonly text: Text;
}
interface Row {
  readonly id: string;
  readonly text: Text;
}
interface Question {
  readonly id: string;
  readonly type: string;
  readonly text: Text;
  readonly options?: readonly Option[];
  readonly scale?: string;
  readonly rows?: readonly Row[];
  readonly visibleIf?: unknown;
}
interface Spec {
  readonly title: Text;
  readonly scales?: Readonly<Record<string, { readonly options: readonly Option[] }>>;
  readonly sections: readonly {
    readonly id: string;
    readonly title: Text;
    readonly visibleIf?: unknown;
    readonly questions: readonly Question[];
  }[];
}

type Answers = Readonly<Record<string, string>>;

function Choices({
  name,
  options,
  multiple,
  answers,
  onChange,
}: {
  name: string;
  options: readonly Option[];
  multiple: boolean;
  answers: Answers;
  onChange: (name: string, value: string) => void;
}) {
  return (
    <>
      {options.map((option) => {
        const id = `${name}-${option.id}`;
        return (
          <div key={option.id}>
            <input
              type={multiple ? 'checkbox' : 'radio'}
              id={id}
              name={name}
              value={option.id}
              checked={answers[multiple ? id : name] === option.id}
              onChange={() => onChange(multiple ? id : name, option.id)}
            />
            <label htmlFor={id}>{option.text.nb}</label>
          </div>
        );
      })}
    </>
  );
}

function Page({ spec }: { spec: Spec }) {
  const [answers, setAnswers] = useState<Answers>({});
  const onChange = (name: string, value: string) =>
    setAnswers((previous) => ({
      ...previous,
      [name]: previous[name] === value && name.includes('--') ? '' : value,
    }));
  const section = spec.sections.find((s) => s.visibleIf === undefined) ?? spec.sections[0];
  if (!section) return null;
  return (
    <form onSubmit={(event) => event.preventDefault()}>
      <p>{spec.title.nb}</p>
      <h1>{section.title.nb}</h1>
      {section.questions
        .filter((q) => q.visibleIf === undefined)
        .map((question) => {
          const options = question.options ?? spec.scales?.[question.scale ?? '']?.options ?? [];
          if (question.type === 'single' || question.type === 'multiple') {
            return (
              <fieldset key={question.id} data-name={question.id}>
                <legend>{question.text.nb}</legend>
                <Choices
                  name={question.type === 'multiple' ? `${question.id}--` : question.id}
                  options={options}
                  multiple={question.type === 'multiple'}
                  answers={answers}
                  onChange={onChange}
                />
              </fieldset>
            );
          }
          if (question.type === 'grid') {
            return (
              <fieldset key={question.id} data-name={question.id}>
                <legend>{question.text.nb}</legend>
                {(question.rows ?? []).map((row) => (
                  <fieldset key={row.id}>
                    <legend>{row.text.nb}</legend>
                    <Choices
                      name={`${question.id}.${row.id}`}
                      options={options}
                      multiple={false}
                      answers={answers}
                      onChange={onChange}
                    />
                  </fieldset>
                ))}
              </fieldset>
            );
          }
          return (
            <div key={question.id} data-name={question.id}>
              <label htmlFor={question.id}>{question.text.nb}</label>
              <input id={question.id} type="text" />
            </div>
          );
        })}
      <button type="submit">Neste</button>
    </form>
  );
}

function App() {
  const [spec, setSpec] = useState<Spec | null>(null);
  useEffect(() => {
    void fetch('/questionnaire.json')
      .then((response) => response.json() as Promise<Spec>)
      .then(setSpec);
  }, []);
  return spec ? <Page spec={spec} /> : <p>…</p>;
}

const root = document.getElementById('root');
if (root) createRoot(root).render(<App />);
