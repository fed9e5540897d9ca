import { checkSemantics, type SpecError } from './checkSemantics.ts';
import type { Result } from './result.ts';
import type { Questionnaire } from './types.ts';

/**
 * PA11: for a spec whose bytes are known to be a file `parseQuestionnaire`
 * accepted (the app checks the SHA-256 the build recorded). Runs the
 * semantic checks only, so the app does not ship the structural schema.
 */
export function readVerifiedQuestionnaire(input: unknown): Result<Questionnaire, SpecError> {
  try {
    const spec = input as Questionnaire;
    const semantic = checkSemantics(spec);
    return semantic.length > 0 ? { ok: false, errors: semantic } : { ok: true, value: spec };
  } catch {
    return {
      ok: false,
      errors: [{ code: 'structure', path: '$', message: 'not a questionnaire' }],
    };
  }
}
