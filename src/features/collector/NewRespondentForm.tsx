import { useFormik } from 'formik';
import { useState } from 'react';
import { useUiText } from '../../i18n/uiText.tsx';
import type { CatalogEntry } from '../../platform/catalog.ts';
import { CollectorForm, Field } from './CollectorForm.tsx';
import { respondentChoiceErrors, type RespondentChoice } from './forms.ts';
import { startAndHandOver } from './handOver.ts';
import { LABEL_MAX_LENGTH } from './newRespondent.ts';
import { useQuestionnaireTitle } from './useQuestionnaireTitle.ts';

const LABEL_TEXT = {
  required: 'collector.newRespondent.labelRequired',
  too_long: 'collector.newRespondent.labelTooLong',
} as const;

/**
 * «Ny respondent»: who answers, in the collector's own words (kept on this
 * device only), and which of the link's questionnaires; then a fresh response
 * is made and the device handed to the respondent at its first page.
 */
export function NewRespondentForm({ questionnaires }: { questionnaires: readonly CatalogEntry[] }) {
  const { t } = useUiText();
  const titleOf = useQuestionnaireTitle();
  const [hasFailed, setFailed] = useState(false);
  const formik = useFormik<RespondentChoice>({
    initialValues: { label: '', questionnaireId: questionnaires[0]?.id ?? '' },
    validateOnBlur: false,
    validate: respondentChoiceErrors,
    onSubmit: async (values) => {
      const entry = questionnaires.find((q) => q.id === values.questionnaireId);
      if (!entry) return;
      setFailed(false);
      try {
        await startAndHandOver({
          label: values.label,
          questionnaire: { id: entry.id, version: entry.version },
        });
      } catch {
        setFailed(true);
      }
    },
  });
  const problem = formik.submitCount > 0 ? respondentChoiceErrors(formik.values).label : undefined;
  const labelError = problem
    ? t(LABEL_TEXT[problem], { max: LABEL_MAX_LENGTH, count: formik.values.label.trim().length })
    : undefined;
  return (
    <CollectorForm
      id="new-respondent"
      className="card collector-new"
      heading={t('collector.newRespondent.heading')}
      formik={formik}
      summaryHeading={t('collector.newRespondent.errorSummary')}
      problems={labelError ? [{ targetId: 'respondent-label', text: labelError }] : []}
      failure={hasFailed ? t('collector.newRespondent.failed') : null}
      submitText={t('collector.newRespondent.start')}
    >
      <Field
        id="respondent-label"
        label={t('collector.newRespondent.label')}
        help={t('collector.newRespondent.labelHelp', { max: LABEL_MAX_LENGTH })}
        error={labelError}
        type="text"
        autoComplete="off"
        {...formik.getFieldProps('label')}
      />
      <fieldset className="ds-fieldset" aria-describedby="respondent-questionnaire-help">
        <legend className="ds-label">{t('collector.newRespondent.questionnaire')}</legend>
        <p className="ds-paragraph" data-field="description" id="respondent-questionnaire-help">
          {t('collector.newRespondent.questionnaireHelp')}
        </p>
        <div className="choices">
          {questionnaires.map((entry) => (
            <div className="choice" key={entry.id}>
              <input
                className="ds-input"
                type="radio"
                id={`respondent-questionnaire-${entry.id}`}
                name="questionnaireId"
                value={entry.id}
                checked={formik.values.questionnaireId === entry.id}
                onChange={formik.handleChange}
              />
              <label htmlFor={`respondent-questionnaire-${entry.id}`}>{titleOf(entry.id)}</label>
            </div>
          ))}
        </div>
      </fieldset>
    </CollectorForm>
  );
}
