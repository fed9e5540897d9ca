import type { NewRespondent } from '../../storage/lazy.ts';

/**
 * What «Ny respondent» makes before anything is stored: the label as the
 * collector typed it (trimmed), a fresh response id, and the token of the
 * respondent's own link (SY17). Ids and randomness are passed in, so this is
 * tested without a browser.
 */

/** Long enough for «Kari Nordmann, Bakeriet på hjørnet, Storgata 1»; short enough for a roster line. */
export const LABEL_MAX_LENGTH = 100;

export type LabelProblem = 'required' | 'too_long';

export function labelProblem(label: string): LabelProblem | null {
  const trimmed = label.trim();
  if (trimmed === '') return 'required';
  if (trimmed.length > LABEL_MAX_LENGTH) return 'too_long';
  return null;
}

export interface RandomSource {
  randomUUID(): string;
  getRandomValues<T extends Uint8Array<ArrayBuffer>>(array: T): T;
}

/** 256 random bits as base64url without padding: 43 characters, safe in a path and a QR code. */
export function respondentToken(random: Pick<RandomSource, 'getRandomValues'>): string {
  const bytes = random.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
}

export function newRespondent(
  form: { readonly label: string; readonly questionnaire: NewRespondent['questionnaire'] },
  random: RandomSource,
  now: number,
): NewRespondent {
  return {
    questionnaire: form.questionnaire,
    label: form.label.trim(),
    responseId: random.randomUUID(),
    respondentToken: respondentToken(random),
    now,
  };
}
