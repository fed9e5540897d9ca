import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { loadQuestionnaireFile } from '../server/loadQuestionnaireFile.ts';

/** `npm run check:questionnaires [files…]`: every spec in questionnaires/ (or the files named) must parse. */
const QUESTIONNAIRE_DIR = 'questionnaires';

const named = process.argv.slice(2);
const files =
  named.length > 0
    ? named
    : (await readdir(QUESTIONNAIRE_DIR))
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => join(QUESTIONNAIRE_DIR, f));

let failed = 0;
for (const file of files) {
  const result = await loadQuestionnaireFile(file);
  if (result.ok) {
    const questions = result.value.sections.reduce((n, s) => n + s.questions.length, 0);
    console.log(
      `ok   ${file} (${result.value.sections.length} sections, ${questions} questions, ${result.value.indicators?.length ?? 0} indicators)`,
    );
  } else {
    failed += 1;
    console.error(`FAIL ${file}`);
    for (const line of result.errors) console.error(`  ${line}`);
  }
}
if (files.length === 0) {
  console.error(`no questionnaire files found in ${QUESTIONNAIRE_DIR}/`);
  process.exitCode = 1;
} else if (failed > 0) {
  console.error(`${failed} of ${files.length} questionnaire file(s) failed`);
  process.exitCode = 1;
}
