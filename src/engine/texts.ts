import type { Language, LocalizedText, Questionnaire } from './types.ts';

const PLACEHOLDER = /\{\{\s*([^}\s]*)\s*\}\}/g;

/**
 * The text in one language with `{{parameter}}` placeholders filled from the
 * questionnaire (A24: the reference period) and `{{pipe}}` from `pipe`.
 */
export function localize(
  text: LocalizedText,
  language: Language,
  spec: Pick<Questionnaire, 'parameters'>,
  pipe?: string,
): string {
  return text[language].replace(PLACEHOLDER, (whole, name: string) => {
    if (name === 'pipe') return pipe ?? '';
    const parameters = spec.parameters ?? {};
    if (!Object.hasOwn(parameters, name)) return whole;
    const value = parameters[name];
    return typeof value === 'string' ? value : (value?.[language] ?? whole);
  });
}
