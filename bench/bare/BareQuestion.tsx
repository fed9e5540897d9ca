import { memo } from 'react';
import {
  localize,
  toggleOption,
  withEntry,
  type AnswerValue,
  type Answers,
  type ChoiceOption,
  type Question,
  type Questionnaire,
} from '../../src/engine/index.ts';

/**
 * One question of the bare page: plain inputs under a root carrying
 * `data-name` = question id, with the app's input names (single and multiple
 * choice `q-<id>`, grid rows `q-<id>--<row>`), so that the bench's walk finds
 * and clicks the same controls on both pages. Memoised like the app's
 * `QuestionField`: an answer re-renders only its own question.
 */
export interface BareQuestionProps {
  readonly spec: Questionnaire;
  readonly question: Question;
  readonly options: readonly ChoiceOption[];
  readonly value: AnswerValue | undefined;
  /** Grid rows hidden by their condition, comma-separated (a stable value for memo). */
  readonly hiddenRows: string;
  /** All answers, only for a grid whose rows pipe a text answer into their label. */
  readonly pipedFrom: Answers | undefined;
  /** Stable across renders; `null` clears the answer. */
  readonly onChange: (questionId: string, value: AnswerValue | null) => void;
}

const domId = (questionId: string, row?: string) =>
  `q-${questionId.replace(/[^a-zA-Z0-9_-]/g, '-')}${row === undefined ? '' : `--${row}`}`;

const NB = 'nb';

export const BareQuestion = memo(function BareQuestion(props: BareQuestionProps) {
  const { spec, question, value, onChange } = props;
  const id = domId(question.id);
  const label = localize(question.text, NB, spec);
  const set = (next: AnswerValue | null) => onChange(question.id, next);
  switch (question.type) {
    case 'single':
    case 'multiple': {
      const selected = Array.isArray(value) ? (value as readonly string[]) : [];
      return (
        <fieldset data-name={question.id}>
          <legend>{label}</legend>
          <Choices
            spec={spec}
            name={id}
            options={props.options}
            isMultiple={question.type === 'multiple'}
            selected={
              question.type === 'multiple' ? selected : typeof value === 'string' ? [value] : []
            }
            onSelect={(option, isChecked) => {
              if (question.type === 'single') return set(option);
              const next = toggleOption(spec, question.id, selected, option, isChecked);
              set(next.length > 0 ? next : null);
            }}
          />
        </fieldset>
      );
    }
    case 'grid': {
      const cells = asRecord<string>(value);
      const hidden = props.hiddenRows.split(',');
      return (
        <fieldset data-name={question.id}>
          <legend>{label}</legend>
          {question.rows
            .filter((row) => !hidden.includes(row.id))
            .map((row) => {
              const piped = row.pipe === undefined ? undefined : props.pipedFrom?.[row.pipe];
              const cell = Object.hasOwn(cells, row.id) ? cells[row.id] : undefined;
              return (
                <fieldset key={row.id}>
                  <legend>
                    {localize(row.text, NB, spec, typeof piped === 'string' ? piped : '')}
                  </legend>
                  <Choices
                    spec={spec}
                    name={domId(question.id, row.id)}
                    options={props.options}
                    isMultiple={false}
                    selected={typeof cell === 'string' ? [cell] : []}
                    onSelect={(option) => {
                      set(withEntry(cells, row.id, option));
                    }}
                  />
                </fieldset>
              );
            })}
        </fieldset>
      );
    }
    case 'allocation':
      return (
        <fieldset data-name={question.id}>
          <legend>{label}</legend>
          {question.rows.map((row, i) => {
            const rowId = i === 0 ? id : domId(question.id, row.id);
            return (
              <div key={row.id}>
                <label htmlFor={rowId}>{localize(row.text, NB, spec)}</label>
                <input
                  id={rowId}
                  type="text"
                  inputMode="numeric"
                  onChange={(event) => {
                    const next = withEntry(
                      asRecord<number>(value),
                      row.id,
                      toNumber(event.target.value),
                    );
                    set(Object.keys(next).length > 0 ? next : null);
                  }}
                />
              </div>
            );
          })}
        </fieldset>
      );
    case 'number':
      return (
        <div data-name={question.id}>
          <label htmlFor={id}>{label}</label>
          <input
            id={id}
            type="text"
            inputMode="decimal"
            onChange={(event) => set(toNumber(event.target.value))}
          />
        </div>
      );
    case 'text': {
      const field = {
        id,
        value: typeof value === 'string' ? value : '',
        maxLength: question.maxLength,
        onChange: (event: { target: { value: string } }) =>
          set(event.target.value === '' ? null : event.target.value),
      };
      return (
        <div data-name={question.id}>
          <label htmlFor={id}>{label}</label>
          {question.multiline ? <textarea {...field} rows={5} /> : <input type="text" {...field} />}
        </div>
      );
    }
  }
});

function Choices(props: {
  spec: Questionnaire;
  name: string;
  options: readonly ChoiceOption[];
  isMultiple: boolean;
  selected: readonly string[];
  onSelect: (option: string, isChecked: boolean) => void;
}) {
  return props.options.map((option, i) => {
    const inputId = i === 0 ? props.name : `${props.name}-${option.id}`;
    return (
      <div key={option.id}>
        <input
          type={props.isMultiple ? 'checkbox' : 'radio'}
          id={inputId}
          name={props.name}
          value={option.id}
          checked={props.selected.includes(option.id)}
          onChange={(event) => props.onSelect(option.id, event.target.checked)}
        />
        <label htmlFor={inputId}>{localize(option.text, NB, props.spec)}</label>
      </div>
    );
  });
}

/** A grid or allocation answer as a record (empty when there is none). */
function asRecord<T>(value: AnswerValue | undefined): Readonly<Record<string, T>> {
  return typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, T>) : {};
}

function toNumber(input: string): number | null {
  const n = Number(input.trim().replace(',', '.'));
  return input.trim() === '' || !Number.isFinite(n) ? null : n;
}
