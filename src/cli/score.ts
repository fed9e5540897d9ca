import { readFile } from 'node:fs/promises';
import { indicatorProfile, parseAnswers } from '../engine/index.ts';
import { loadQuestionnaireFile } from '../server/loadQuestionnaireFile.ts';

/**
 * `npm run score -- <questionnaire.json> <answers.json>`: prints one
 * respondent's indicator profile as JSON, `{ "<indicatorId>": number | null }`,
 * unrounded. Exits 1 with the reasons on a bad spec or bad answers.
 */
async function main(args: string[]): Promise<number> {
  const [specFile, answersFile] = args;
  if (specFile === undefined || answersFile === undefined || args.length > 2) {
    console.error('usage: npm run score -- <questionnaire.json> <answers.json>');
    return 2;
  }
  const spec = await loadQuestionnaireFile(specFile);
  if (!spec.ok) {
    console.error(`the questionnaire is invalid:\n  ${spec.errors.join('\n  ')}`);
    return 1;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(answersFile, 'utf8'));
  } catch (error) {
    console.error(
      `${answersFile}: cannot read the answers: ${error instanceof Error ? error.message : String(error)}`,
    );
    return 1;
  }
  const answers = parseAnswers(spec.value, raw);
  if (!answers.ok) {
    console.error(
      `${answersFile}: the answers do not fit ${spec.value.id} v${spec.value.version}:`,
    );
    for (const e of answers.errors) {
      const where = [e.question, e.row].filter(Boolean).join('.') || '$';
      const what = e.option === undefined ? '' : ` "${e.option}"`;
      console.error(`  ${where}: ${e.code}${what}`);
    }
    return 1;
  }
  console.log(JSON.stringify(indicatorProfile(spec.value, answers.value), null, 2));
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
