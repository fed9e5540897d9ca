import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { localize, type Condition, type Questionnaire } from '../engine/index.ts';
import { loadQuestionnaireFile } from '../server/loadQuestionnaireFile.ts';

/**
 * Prints the outline of every questionnaire: pages, questions with their
 * type and skip rule, and the indicators. `npm start` runs this until the
 * app exists.
 */
const DIR = 'questionnaires';

function describeCondition(c: Condition): string {
  if ('not' in c) return `not (${describeCondition(c.not)})`;
  if ('and' in c) return c.and.map(describeCondition).join(' and ');
  if ('or' in c) return `(${c.or.map(describeCondition).join(' or ')})`;
  if ('answered' in c) return `${c.answered} answered`;
  if ('equals' in c) return `${c.equals}${c.row ? `.${c.row}` : ''} = ${c.value}`;
  if ('in' in c) return `${c.in} in [${c.values.join(', ')}]`;
  return `count(${c.count}${c.value ? ` = ${c.value}` : ''}) ${c.min ?? 0}..${c.max ?? '∞'}`;
}

function outline(spec: Questionnaire): string[] {
  const lines = [
    `${localize(spec.title, 'nb', spec)} (${spec.id} v${spec.version}, ${spec.provenance.completeness})`,
  ];
  spec.sections.forEach((section, i) => {
    const rule = section.visibleIf ? `  [if ${describeCondition(section.visibleIf)}]` : '';
    lines.push(`  ${i + 1}. ${localize(section.title, 'nb', spec)}${rule}`);
    for (const q of section.questions) {
      const qRule = q.visibleIf ? `  [if ${describeCondition(q.visibleIf)}]` : '';
      const specifies =
        q.type === 'text' && q.specifies
          ? `  [specifies ${q.specifies.question} = ${q.specifies.option}]`
          : '';
      lines.push(`     - ${q.id} (${q.type})${qRule}${specifies}`);
    }
  });
  for (const indicator of spec.indicators ?? []) {
    lines.push(
      `  indicator ${indicator.id}: ${localize(indicator.name, 'nb', spec)} (${indicator.items.map((i) => i.rule).join(', ')})`,
    );
  }
  return lines;
}

const files = (await readdir(DIR)).filter((f) => f.endsWith('.json')).sort();
for (const file of files) {
  const result = await loadQuestionnaireFile(join(DIR, file));
  console.log(result.ok ? outline(result.value).join('\n') : result.errors.join('\n'));
  console.log();
}
