import { useFormik } from 'formik';
import { useState } from 'react';
import { useUiText } from '../../i18n/uiText.tsx';
import { collector } from '../../storage/lazy.ts';
import { CollectorForm, Field } from './CollectorForm.tsx';
import { pinChoiceErrors, type PinChoice } from './forms.ts';
import { hashPin } from './pin.ts';

const PROBLEM_TEXT = {
  not_digits: 'collector.pin.notDigits',
  too_short: 'collector.pin.tooShort',
  too_long: 'collector.pin.tooLong',
  too_simple: 'collector.pin.tooSimple',
  mismatch: 'collector.pin.mismatch',
} as const;

/**
 * The collector chooses the PIN that takes the device back from a
 * respondent: typed twice, checked by `pinProblem`, kept only as a salted
 * PBKDF2 hash (`hashPin`) with the enrolment.
 */
export function PinChooser({ onChosen }: { onChosen: () => void }) {
  const { t } = useUiText();
  const [hasFailed, setFailed] = useState(false);
  const formik = useFormik<PinChoice>({
    initialValues: { pin: '', again: '' },
    validateOnBlur: false,
    validate: pinChoiceErrors,
    onSubmit: async (values) => {
      setFailed(false);
      try {
        const store = await collector();
        await store.setPin(await hashPin(crypto, values.pin));
        onChosen();
      } catch {
        setFailed(true);
      }
    },
  });
  const shown = formik.submitCount > 0 ? pinChoiceErrors(formik.values) : {};
  const pinError = shown.pin ? t(PROBLEM_TEXT[shown.pin]) : undefined;
  const againError = shown.again ? t(PROBLEM_TEXT[shown.again]) : undefined;
  return (
    <CollectorForm
      id="pin"
      className="page"
      heading={t('collector.pin.heading')}
      lead={t('collector.pin.lead')}
      formik={formik}
      summaryHeading={t('collector.pin.errorSummary')}
      problems={[
        ...(pinError ? [{ targetId: 'collector-pin', text: pinError }] : []),
        ...(againError ? [{ targetId: 'collector-pin-again', text: againError }] : []),
      ]}
      failure={hasFailed ? t('collector.pin.failed') : null}
      submitText={formik.isSubmitting ? t('collector.pin.saving') : t('collector.pin.save')}
    >
      <Field
        id="collector-pin"
        label={t('collector.pin.first')}
        help={t('collector.pin.rule')}
        error={pinError}
        type="password"
        inputMode="numeric"
        autoComplete="new-password"
        {...formik.getFieldProps('pin')}
      />
      <Field
        id="collector-pin-again"
        label={t('collector.pin.again')}
        error={againError}
        type="password"
        inputMode="numeric"
        autoComplete="new-password"
        {...formik.getFieldProps('again')}
      />
    </CollectorForm>
  );
}
