import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { formatSpecError, parseQuestionnaire, type Questionnaire } from '../engine/index.ts';

/**
 * Reads one questionnaire file and parses it with the engine. Errors come
 * back as ready-to-print lines naming the file and the JSON path.
 */
export async function loadQuestionnaireFile(
  file: string,
): Promise<{ ok: true; value: Questionnaire } | { ok: false; errors: string[] }> {
  let input: unknown;
  try {
    input = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    const reason =
      error instanceof SyntaxError ? `not valid JSON (${error.message})` : String(error);
    return { ok: false, errors: [`${file}: $: ${reason}`] };
  }
  const parsed = parseQuestionnaire(input);
  if (!parsed.ok) return { ok: false, errors: parsed.errors.map((e) => formatSpecError(e, file)) };
  const expected = `${parsed.value.id}.v${parsed.value.version}.json`;
  if (basename(file) !== expected) {
    return {
      ok: false,
      errors: [
        `${file}: $.id: the file of questionnaire "${parsed.value.id}" version ${parsed.value.version} must be named ${expected}`,
      ],
    };
  }
  return parsed;
}
