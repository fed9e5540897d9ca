import { memo, useState, type ReactNode } from 'react';
import { parseNumber } from '../../i18n/parseNumber.ts';
import { useUiText } from '../../i18n/uiText.tsx';
import { useFormatters } from '../../i18n/useFormatters.ts';
import {
  localize,
  toggleOption,
  withEntry,
  type AnswerValue,
  type ChoiceOption,
  type Language,
  type Question,
  type Questionnaire,
} from '../../engine/index.ts';
import { FormattedText } from '../../components/FormattedText.tsx';
import { questionDomId } from './domIds.ts';
import './grid.css';

export interface QuestionFieldProps {
  spec: Questionnaire;
  question: Question;
  options: readonly ChoiceOption[];
  value: AnswerValue | undefined;
  /** Answers of the text questions this question's rows pipe from. */
  piped: Readonly<Record<string, string>> | undefined;
  /** Grid rows hidden by their condition, as a comma-separated list (a stable value for memo). */
  hiddenRows: string;
  /** What to fix in the question as a whole (from the form's validation), if anything. */
  message: string | undefined;
  /** What to fix per grid or allocation row. */
  rowMessages: Readonly<Record<string, string>> | undefined;
  language: Language;
  /** `null` clears the answer; typing is debounced by the caller. */
  onChange: (value: AnswerValue | null, options?: { isTyping?: boolean }) => void;
}

/**
 * One question, rendered from its spec; the root carries `data-name` =
 * question id. Memoised: an answer re-renders only its own question.
 */
export const QuestionField = memo(function QuestionField(props: QuestionFieldProps) {
  const { spec, question, language, message } = props;
  const text = (t: { nb: string; nn: string }) => localize(t, language, spec);
  const id = questionDomId(question.id);
  const errorId = `${id}-error`;
  const helpId = `${id}-help`;
  const describedBy =
    [question.help ? helpId : null, message !== undefined ? errorId : null]
      .filter(Boolean)
      .join(' ') || undefined;
  const error =
    message !== undefined ? (
      <p className="ds-validation-message" data-field="validation" id={errorId}>
        {message}
      </p>
    ) : null;
  const help = question.help ? (
    <div className="question-help" id={helpId} data-field="description">
      <FormattedText text={text(question.help)} />
    </div>
  ) : null;
  const isRequired = question.required !== false;

  switch (question.type) {
    case 'single':
    case 'multiple':
      return (
        <fieldset
          className="ds-fieldset question"
          data-name={question.id}
          aria-describedby={describedBy}
          aria-invalid={message !== undefined || undefined}
        >
          <legend className="ds-label question-text">
            {text(question.text)}
            {isRequired ? null : <OptionalMark />}
          </legend>
          {help}
          <ChoiceList {...props} name={id} firstId={id} invalid={message !== undefined} />
          {error}
        </fieldset>
      );
    case 'grid':
      return <GridField {...props} help={help} error={error} describedBy={describedBy} />;
    case 'allocation':
      return <AllocationField {...props} help={help} error={error} describedBy={describedBy} />;
    case 'number':
      return (
        <NumberField
          {...props}
          help={help}
          error={error}
          describedBy={describedBy}
          invalid={message !== undefined}
        />
      );
    case 'text': {
      const value = typeof props.value === 'string' ? props.value : '';
      const common = {
        id,
        className: 'ds-input',
        value,
        maxLength: question.maxLength,
        'aria-describedby': [describedBy, `${id}-counter`].filter(Boolean).join(' '),
        'aria-invalid': message !== undefined || undefined,
        onChange: (event: { target: { value: string } }) =>
          props.onChange(event.target.value === '' ? null : event.target.value, { isTyping: true }),
      };
      return (
        <div className="ds-field question" data-name={question.id}>
          <label className="ds-label question-text" htmlFor={id}>
            {text(question.text)}
            {isRequired ? null : <OptionalMark />}
          </label>
          {help}
          {question.multiline ? (
            <textarea {...common} rows={5} />
          ) : (
            <input type="text" {...common} />
          )}
          <Counter id={`${id}-counter`} length={value.length} max={question.maxLength} />
          {error}
        </div>
      );
    }
  }
});

function OptionalMark() {
  const { t } = useUiText();
  return <span className="optional-mark"> {t('question.optional')}</span>;
}

function Counter({ id, length, max }: { id: string; length: number; max: number }) {
  const { t } = useUiText();
  const { exact } = useFormatters();
  return (
    <p className="counter" id={id}>
      {t('question.charactersLeft', { count: max - length, left: exact(max - length) })}
    </p>
  );
}

function ChoiceList(
  props: QuestionFieldProps & { name: string; firstId: string; invalid: boolean },
) {
  const { question, options, value, spec, language, name } = props;
  const isMultiple = question.type === 'multiple';
  const selected = Array.isArray(value)
    ? (value as readonly string[])
    : typeof value === 'string'
      ? [value]
      : [];
  return (
    <div className="choices">
      {options.map((option, i) => {
        const inputId = i === 0 ? props.firstId : `${name}-${option.id}`;
        const isChecked = selected.includes(option.id);
        return (
          <div className="choice" key={option.id}>
            <input
              type={isMultiple ? 'checkbox' : 'radio'}
              className="ds-input"
              id={inputId}
              name={name}
              value={option.id}
              checked={isChecked}
              aria-invalid={props.invalid || undefined}
              onChange={(event) => {
                if (!isMultiple) return props.onChange(option.id);
                const next = toggleOption(
                  spec,
                  question.id,
                  selected,
                  option.id,
                  event.target.checked,
                );
                props.onChange(next.length > 0 ? next : null);
              }}
            />
            <label className="ds-label" data-weight="regular" htmlFor={inputId}>
              {localize(option.text, language, spec)}
            </label>
          </div>
        );
      })}
    </div>
  );
}

type FieldExtras = { help: ReactNode; error: ReactNode; describedBy: string | undefined };

/**
 * A grid (several rows sharing one scale) as a real table: a column header per
 * option, a row header per row, and one radio group per row (the row's radios
 * share a name). On a tablet the table shows as a table; in a narrow container
 * (a phone) the same markup stacks, each radio with its visible label
 * (`grid.css`), so nothing scrolls sideways. Each radio is named by its option
 * and described by its row (and the row's error), so the row is said with the
 * radio even where a browser drops table semantics for the stacked layout.
 */
function GridField(props: QuestionFieldProps & FieldExtras) {
  const { question, options, spec, language } = props;
  if (question.type !== 'grid') return null;
  const hidden = props.hiddenRows.split(',');
  const cells = asRecord<string>(props.value);
  const text = (t: { nb: string; nn: string }) => localize(t, language, spec);
  return (
    <fieldset
      className="ds-fieldset question grid-question"
      data-name={question.id}
      aria-describedby={props.describedBy}
    >
      <legend className="ds-label question-text">{text(question.text)}</legend>
      {props.help}
      <div className="grid-frame">
        <table className="grid-table">
          <thead>
            <tr>
              <td />
              {options.map((option) => (
                <th scope="col" key={option.id}>
                  {text(option.text)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {question.rows
              .filter((row) => !hidden.includes(row.id))
              .map((row) => {
                const rowId = questionDomId(question.id, row.id);
                const rowMessage = props.rowMessages?.[row.id];
                const pipe = row.pipe === undefined ? undefined : props.piped?.[row.pipe];
                const chosen = Object.hasOwn(cells, row.id) ? cells[row.id] : undefined;
                const describedBy = [
                  `${rowId}-label`,
                  rowMessage !== undefined ? `${rowId}-error` : null,
                ]
                  .filter(Boolean)
                  .join(' ');
                return (
                  <tr className="grid-row" key={row.id} data-row={row.id}>
                    <th scope="row" className="grid-row-header">
                      <span className="grid-row-text" id={`${rowId}-label`}>
                        {localize(row.text, language, spec, typeof pipe === 'string' ? pipe : '')}
                      </span>
                      {rowMessage !== undefined ? (
                        <span
                          className="ds-validation-message"
                          data-field="validation"
                          id={`${rowId}-error`}
                        >
                          {rowMessage}
                        </span>
                      ) : null}
                    </th>
                    {options.map((option, i) => {
                      const inputId = i === 0 ? rowId : `${rowId}-${option.id}`;
                      return (
                        <td key={option.id}>
                          <div className="choice">
                            <input
                              type="radio"
                              className="ds-input"
                              id={inputId}
                              name={rowId}
                              value={option.id}
                              checked={chosen === option.id}
                              aria-describedby={describedBy}
                              aria-invalid={rowMessage !== undefined || undefined}
                              onChange={() => {
                                const next = withEntry(cells, row.id, option.id);
                                props.onChange(Object.keys(next).length > 0 ? next : null);
                              }}
                            />
                            <label className="ds-label" data-weight="regular" htmlFor={inputId}>
                              <span className="choice-text">{text(option.text)}</span>
                            </label>
                          </div>
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
          </tbody>
        </table>
      </div>
      {props.error}
    </fieldset>
  );
}

function NumberField(props: QuestionFieldProps & FieldExtras & { invalid: boolean }) {
  const { question, spec, language } = props;
  const { t } = useUiText();
  const { exact } = useFormatters();
  const id = questionDomId(question.id);
  // What the person types stays as typed; a stored answer opens written the nb way («12,5»).
  const [draft, setDraft] = useState(typeof props.value === 'number' ? exact(props.value) : '');
  const isNumber = draft.trim() === '' || parseNumber(draft) !== null;
  const unit =
    question.type === 'number' && question.unit ? localize(question.unit, language, spec) : null;
  return (
    <div className="ds-field question" data-name={question.id}>
      <label className="ds-label question-text" htmlFor={id}>
        {localize(question.text, language, spec)}
        {question.required === false ? <OptionalMark /> : null}
      </label>
      {props.help}
      <div className="number-input">
        <input
          id={id}
          type="text"
          inputMode="decimal"
          className="ds-input"
          value={draft}
          aria-describedby={
            [props.describedBy, isNumber ? null : `${id}-format`].filter(Boolean).join(' ') ||
            undefined
          }
          aria-invalid={props.invalid || !isNumber || undefined}
          onChange={(event) => {
            setDraft(event.target.value);
            props.onChange(parseNumber(event.target.value), { isTyping: true });
          }}
        />
        {unit ? <span className="unit">{unit}</span> : null}
      </div>
      {isNumber ? null : (
        <p className="ds-validation-message" data-field="validation" id={`${id}-format`}>
          {t('issues.not_a_number')}
        </p>
      )}
      {props.error}
    </div>
  );
}

/** A grid or allocation answer as a plain record (empty when there is none). */
function asRecord<T>(value: AnswerValue | undefined): Record<string, T> {
  return typeof value === 'object' && !Array.isArray(value)
    ? { ...(value as Record<string, T>) }
    : {};
}

function AllocationField(props: QuestionFieldProps & FieldExtras) {
  const { question, spec, language } = props;
  const { t } = useUiText();
  const { exact } = useFormatters();
  // Rows whose text is not a number: nothing is stored for them, so the text itself is the issue.
  const [unreadable, setUnreadable] = useState<ReadonlySet<string>>(() => new Set());
  if (question.type !== 'allocation') return null;
  const id = questionDomId(question.id);
  const shares = asRecord<number>(props.value);
  const total = question.total ?? 100;
  const sum = Object.values(shares).reduce((a, b) => a + b, 0);
  return (
    <fieldset
      className="ds-fieldset question"
      data-name={question.id}
      aria-describedby={props.describedBy}
    >
      <legend className="ds-label question-text">{localize(question.text, language, spec)}</legend>
      {props.help}
      {question.rows.map((row, i) => {
        const rowId = i === 0 ? id : questionDomId(question.id, row.id);
        const rowMessage = props.rowMessages?.[row.id];
        const stored = shares[row.id];
        const isUnreadable = unreadable.has(row.id);
        const rowDescribedBy = [
          isUnreadable ? `${rowId}-format` : null,
          rowMessage !== undefined ? `${rowId}-error` : null,
        ].filter(Boolean);
        return (
          <div className="ds-field allocation-row" key={row.id}>
            <label className="ds-label" data-weight="regular" htmlFor={rowId}>
              {localize(row.text, language, spec)}
              {row.help ? (
                <span className="row-help"> ({localize(row.help, language, spec)})</span>
              ) : null}
            </label>
            <div className="number-input">
              <input
                id={rowId}
                type="text"
                // "decimal" gives phones a comma key, so «12,5» can be typed and told it is not whole.
                inputMode="decimal"
                className="ds-input"
                defaultValue={typeof stored === 'number' ? exact(stored) : ''}
                aria-invalid={rowDescribedBy.length > 0 || undefined}
                aria-describedby={rowDescribedBy.join(' ') || undefined}
                onChange={(event) => {
                  const share = parseNumber(event.target.value);
                  const isText = share === null && event.target.value.trim() !== '';
                  if (isText !== isUnreadable) {
                    setUnreadable((rows) => {
                      const next = new Set(rows);
                      if (isText) next.add(row.id);
                      else next.delete(row.id);
                      return next;
                    });
                  }
                  const next = withEntry(shares, row.id, share);
                  props.onChange(Object.keys(next).length > 0 ? next : null, { isTyping: true });
                }}
              />
              <span className="unit">{t('question.percentSign')}</span>
            </div>
            {isUnreadable ? (
              <p className="ds-validation-message" data-field="validation" id={`${rowId}-format`}>
                {t('issues.not_a_number')}
              </p>
            ) : null}
            {rowMessage !== undefined ? (
              <p className="ds-validation-message" data-field="validation" id={`${rowId}-error`}>
                {rowMessage}
              </p>
            ) : null}
          </div>
        );
      })}
      <p className="allocation-sum" aria-live="polite">
        {t('question.allocationSum', {
          sum: exact(sum),
          total: exact(total),
          left: exact(total - sum),
        })}
      </p>
      {props.error}
    </fieldset>
  );
}
