import { pinProblem, type PinProblem } from './pin.ts';
import { labelProblem, type LabelProblem } from './newRespondent.ts';

/**
 * The checks of the collector's two forms, as Formik `validate` functions:
 * each field's problem as a code the form turns into words. Pure, so tested
 * without a browser.
 */
export interface PinChoice {
  readonly pin: string;
  readonly again: string;
}

export interface PinChoiceErrors {
  pin?: PinProblem;
  again?: 'mismatch';
}

export function pinChoiceErrors(values: PinChoice): PinChoiceErrors {
  const problem = pinProblem(values.pin);
  if (problem) return { pin: problem };
  return values.again === values.pin ? {} : { again: 'mismatch' };
}

export interface RespondentChoice {
  readonly label: string;
  /** A questionnaire id among the collector link's. */
  readonly questionnaireId: string;
}

export function respondentChoiceErrors(values: RespondentChoice): { label?: LabelProblem } {
  const problem = labelProblem(values.label);
  return problem ? { label: problem } : {};
}
