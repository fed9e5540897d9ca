import type { FormikProps } from 'formik';
import type { InputHTMLAttributes, ReactNode, Ref } from 'react';
import { Alert } from '../../components/Alert.tsx';
import { Button } from '../../components/Button.tsx';
import { ErrorSummary, type SummaryItem } from '../../components/ErrorSummary.tsx';

/**
 * A labelled Designsystemet text field with its help and its error, both
 * tied to the input (`aria-describedby`), for the collector's forms.
 */
export function Field({
  id,
  label,
  help,
  error,
  errorKey,
  inputRef,
  ...input
}: {
  id: string;
  label: string;
  help?: string;
  error?: string | undefined;
  /** Set when each new error must be announced (it changes with each try): the error is an alert. */
  errorKey?: number;
  inputRef?: Ref<HTMLInputElement>;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'className'>) {
  const helpId = help ? `${id}-help` : null;
  const errorId = error ? `${id}-error` : null;
  return (
    <div className="ds-field">
      <label className="ds-label" htmlFor={id}>
        {label}
      </label>
      {help ? (
        <p className="ds-paragraph" data-field="description" id={helpId ?? undefined}>
          {help}
        </p>
      ) : null}
      <input
        {...input}
        ref={inputRef}
        id={id}
        className="ds-input"
        aria-invalid={error ? true : undefined}
        aria-describedby={[helpId, errorId].filter(Boolean).join(' ') || undefined}
      />
      {error ? (
        <p
          key={errorKey}
          className="ds-validation-message"
          data-field="validation"
          id={errorId ?? undefined}
          role={errorKey === undefined ? undefined : 'alert'}
          data-testid={`${id}-error`}
        >
          {error}
        </p>
      ) : null}
    </div>
  );
}

/**
 * One of the collector's forms: its heading, the error summary after a
 * failed submit (it takes the focus, Designsystemet's pattern), the fields,
 * what went wrong on the device, and the submit button. A second submit while
 * the first is running is ignored.
 */
export function CollectorForm({
  id,
  className,
  heading,
  lead,
  formik,
  summaryHeading,
  problems,
  failure,
  submitText,
  children,
}: {
  id: string;
  className: string;
  heading: string;
  lead?: string;
  formik: Pick<FormikProps<unknown>, 'isSubmitting' | 'submitCount' | 'handleSubmit'>;
  summaryHeading: string;
  problems: readonly SummaryItem[];
  /** What the device could not do, or null. */
  failure: string | null;
  submitText: string;
  children: ReactNode;
}) {
  return (
    <form
      className={className}
      noValidate
      aria-labelledby={`${id}-heading`}
      onSubmit={(event) => {
        if (formik.isSubmitting) event.preventDefault();
        else formik.handleSubmit(event);
      }}
    >
      <h2 className="ds-heading" data-size="sm" id={`${id}-heading`}>
        {heading}
      </h2>
      {lead ? <p className="ds-paragraph">{lead}</p> : null}
      {formik.submitCount > 0 ? (
        <ErrorSummary heading={summaryHeading} focusKey={formik.submitCount} items={problems} />
      ) : null}
      {children}
      {failure ? (
        <Alert tone="danger" live="assertive">
          <p className="ds-paragraph">{failure}</p>
        </Alert>
      ) : null}
      <Button type="submit" aria-disabled={formik.isSubmitting || undefined}>
        {submitText}
      </Button>
    </form>
  );
}
