import type { Questionnaire } from './types.ts';

/**
 * PA11: a spec whose bytes are a file `parseQuestionnaire` accepted (the app
 * checks the SHA-256 the build recorded) is taken as it is. Parsing again
 * would run the same engine on the same bytes to the same verdict, and would
 * put the schema and the semantic checks on the answering route.
 */
export function readVerifiedQuestionnaire(input: unknown): Questionnaire {
  return input as Questionnaire;
}
