import { ValidationError } from 'yup';
import { checkSemantics, type SpecError } from './checkSemantics.ts';
import type { Result } from './result.ts';
import { questionnaireSchema } from './specSchema.ts';
import type { Questionnaire } from './types.ts';

/**
 * PA1: the one way a questionnaire enters the app, the server and the tools.
 * Returns the questionnaire, or every error found with its JSON path; never
 * throws on bad input.
 */
export function parseQuestionnaire(input: unknown): Result<Questionnaire, SpecError> {
  const structural = checkStructure(input);
  if (structural.length > 0) return { ok: false, errors: structural };
  const spec = input as Questionnaire;
  const semantic = checkSemantics(spec);
  return semantic.length > 0 ? { ok: false, errors: semantic } : { ok: true, value: spec };
}

function checkStructure(input: unknown): SpecError[] {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return [{ code: 'structure', path: '$', message: 'a questionnaire must be a JSON object' }];
  }
  try {
    questionnaireSchema.validateSync(input, { abortEarly: false, strict: true });
    return [];
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const all = error.inner.length > 0 ? error.inner : [error];
    return all.map((e) => ({ code: 'structure', path: toJsonPath(e.path), message: e.message }));
  }
}

function toJsonPath(yupPath: string | undefined): string {
  if (!yupPath) return '$';
  return yupPath.startsWith('[') ? `$${yupPath}` : `$.${yupPath}`;
}
