import { compile, dependenciesOf, resolveOptions, type QuestionEntry } from './compile.ts';
import { conditionReferences } from './conditions.ts';
import type { Condition, IndicatorItem, Question, Questionnaire } from './types.ts';

export type SpecErrorCode =
  | 'structure'
  | 'duplicate_id'
  | 'choice_source'
  | 'exclusive_not_multiple'
  | 'unknown_question'
  | 'unknown_row'
  | 'unknown_option'
  | 'wrong_question_type'
  | 'condition_cycle'
  | 'unknown_parameter'
  | 'range'
  | 'file_name';

export interface SpecError {
  readonly code: SpecErrorCode;
  /** JSON path into the file, e.g. `$.sections[2].questions[0].visibleIf.equals`. */
  readonly path: string;
  readonly message: string;
}

type Report = (code: SpecErrorCode, path: string, message: string) => void;

/** PA2–PA9: what the structural schema cannot see. Runs only on structurally valid specs. */
export function checkSemantics(spec: Questionnaire): SpecError[] {
  const errors: SpecError[] = [];
  const report: Report = (code, path, message) => errors.push({ code, path, message });
  const questionPaths = checkIds(spec, report);
  const { entries } = compile(spec);

  spec.sections.forEach((section, s) => {
    const sectionPath = `$.sections[${s}]`;
    if (section.visibleIf) {
      checkCondition(section.visibleIf, `${sectionPath}.visibleIf`, entries, report);
    }
    section.questions.forEach((question, q) => {
      const path = `${sectionPath}.questions[${q}]`;
      checkQuestion(spec, question, path, entries, report);
    });
  });
  checkCycles(spec, questionPaths, report);
  (spec.indicators ?? []).forEach((indicator, i) =>
    indicator.items.forEach((item, j) =>
      checkItem(item, `$.indicators[${i}].items[${j}]`, entries, report),
    ),
  );
  (spec.benchmarkGroups ?? []).forEach((group, i) => {
    const entry = entries.get(group.question);
    const at = `$.benchmarkGroups[${i}].question`;
    if (!entry)
      report(
        'unknown_question',
        at,
        `benchmark group refers to question "${group.question}", which does not exist`,
      );
    else if (entry.question.type !== 'single') {
      report(
        'wrong_question_type',
        at,
        `a benchmark group needs a single-choice question; "${group.question}" is ${entry.question.type}`,
      );
    }
  });
  checkPlaceholders(spec, report);
  return errors;
}

function checkIds(spec: Questionnaire, report: Report): Map<string, string> {
  const questionPaths = new Map<string, string>();
  const unique = (seen: Map<string, string>, id: string, path: string, what: string) => {
    const first = seen.get(id);
    if (first !== undefined) {
      report('duplicate_id', `${path}.id`, `${what} id "${id}" is already used at ${first}`);
    } else seen.set(id, path);
  };
  const sectionIds = new Map<string, string>();
  spec.sections.forEach((section, s) => {
    unique(sectionIds, section.id, `$.sections[${s}]`, 'section');
    section.questions.forEach((question, q) => {
      const path = `$.sections[${s}].questions[${q}]`;
      unique(questionPaths, question.id, path, 'question');
      const optionIds = new Map<string, string>();
      if (
        (question.type === 'single' || question.type === 'multiple' || question.type === 'grid') &&
        question.options
      ) {
        question.options.forEach((o, i) =>
          unique(optionIds, o.id, `${path}.options[${i}]`, 'option'),
        );
      }
      if (question.type === 'grid' || question.type === 'allocation') {
        const rowIds = new Map<string, string>();
        question.rows.forEach((r, i) => unique(rowIds, r.id, `${path}.rows[${i}]`, 'row'));
      }
    });
  });
  for (const [name, scale] of Object.entries(spec.scales ?? {})) {
    const optionIds = new Map<string, string>();
    scale.options.forEach((o, i) =>
      unique(optionIds, o.id, `$.scales.${name}.options[${i}]`, 'option'),
    );
  }
  const indicatorIds = new Map<string, string>();
  (spec.indicators ?? []).forEach((indicator, i) =>
    unique(indicatorIds, indicator.id, `$.indicators[${i}]`, 'indicator'),
  );
  return questionPaths;
}

function checkQuestion(
  spec: Questionnaire,
  question: Question,
  path: string,
  entries: ReadonlyMap<string, QuestionEntry>,
  report: Report,
): void {
  if (question.visibleIf) checkCondition(question.visibleIf, `${path}.visibleIf`, entries, report);
  switch (question.type) {
    case 'single':
    case 'multiple':
    case 'grid': {
      const hasOptions = question.options !== undefined;
      const hasScale = question.scale !== undefined;
      if (hasOptions === hasScale) {
        report('choice_source', path, 'give either "options" or "scale", not both and not neither');
      } else if (hasScale && !Object.hasOwn(spec.scales ?? {}, question.scale ?? '')) {
        const known = Object.keys(spec.scales ?? {}).join(', ') || 'none';
        report(
          'choice_source',
          `${path}.scale`,
          `scale "${question.scale}" is not defined in "scales" (defined: ${known})`,
        );
      }
      if (question.type !== 'multiple') {
        const exclusive = resolveOptions(spec, question).find((o) => o.exclusive);
        if (exclusive) {
          report(
            'exclusive_not_multiple',
            hasOptions ? `${path}.options` : `${path}.scale`,
            `option "${exclusive.id}" is exclusive, but only multiple-choice questions can have exclusive options`,
          );
        }
      }
      if (question.type === 'multiple') {
        const count = resolveOptions(spec, question).length;
        const { minSelected = 1, maxSelected = count } = question;
        if (minSelected > maxSelected || maxSelected > count) {
          report(
            'range',
            path,
            `needs minSelected ≤ maxSelected ≤ ${count} (the number of options)`,
          );
        }
      }
      if (question.type === 'grid') {
        question.rows.forEach((row, r) => {
          const rowPath = `${path}.rows[${r}]`;
          if (row.visibleIf) checkCondition(row.visibleIf, `${rowPath}.visibleIf`, entries, report);
          if (row.pipe !== undefined) {
            const source = entries.get(row.pipe);
            if (!source) {
              report(
                'unknown_question',
                `${rowPath}.pipe`,
                `pipes from question "${row.pipe}", which does not exist`,
              );
            } else if (source.question.type !== 'text') {
              report(
                'wrong_question_type',
                `${rowPath}.pipe`,
                `pipes from "${row.pipe}", which is a ${source.question.type} question; only text can be piped`,
              );
            }
          }
        });
      }
      return;
    }
    case 'number':
      if (question.min !== undefined && question.max !== undefined && question.min > question.max) {
        report('range', path, `min (${question.min}) is greater than max (${question.max})`);
      }
      return;
    case 'text': {
      if (!question.specifies) return;
      const { question: target, option } = question.specifies;
      const entry = entries.get(target);
      const at = `${path}.specifies`;
      if (!entry) {
        report(
          'unknown_question',
          `${at}.question`,
          `specifies question "${target}", which does not exist`,
        );
      } else if (entry.question.type !== 'single' && entry.question.type !== 'multiple') {
        report(
          'wrong_question_type',
          `${at}.question`,
          `specifies "${target}", which is a ${entry.question.type} question; only single or multiple choice can be specified`,
        );
      } else if (!entry.optionIds.has(option)) {
        report(
          'unknown_option',
          `${at}.option`,
          `"${target}" has no option "${option}" (options: ${[...entry.optionIds].join(', ')})`,
        );
      }
      return;
    }
    case 'allocation':
      return;
  }
}

function checkCondition(
  condition: Condition,
  path: string,
  entries: ReadonlyMap<string, QuestionEntry>,
  report: Report,
): void {
  for (const ref of conditionReferences(condition)) {
    const base = `${path}${ref.path}`;
    const at = `${base}.${ref.operator}`;
    const entry = entries.get(ref.question);
    if (!entry) {
      report('unknown_question', at, `refers to question "${ref.question}", which does not exist`);
      continue;
    }
    const { type } = entry.question;
    if (ref.row !== undefined) {
      if (type !== 'grid' && type !== 'allocation') {
        report(
          'unknown_row',
          `${base}.row`,
          `"${ref.question}" is a ${type} question and has no rows`,
        );
      } else if (!entry.rowIds.has(ref.row)) {
        report(
          'unknown_row',
          `${base}.row`,
          `"${ref.question}" has no row "${ref.row}" (rows: ${[...entry.rowIds].join(', ')})`,
        );
      }
    }
    const isChoice = type === 'single' || type === 'multiple' || type === 'grid';
    for (const value of ref.values) {
      if (isChoice && !entry.optionIds.has(String(value))) {
        const key = ref.operator === 'in' ? 'values' : 'value';
        report(
          'unknown_option',
          `${base}.${key}`,
          `"${ref.question}" has no option "${value}" (options: ${[...entry.optionIds].join(', ')})`,
        );
      }
    }
    if (
      type === 'grid' &&
      ref.row === undefined &&
      (ref.operator === 'equals' || ref.operator === 'in')
    ) {
      report(
        'unknown_row',
        at,
        `"${ref.question}" is a grid: name the "row" to compare, or use "count"`,
      );
    }
    if (ref.operator === 'count' && type !== 'multiple' && type !== 'grid') {
      report(
        'wrong_question_type',
        at,
        `"count" needs a multiple-choice or grid question; "${ref.question}" is ${type}`,
      );
    }
  }
}

function checkCycles(
  spec: Questionnaire,
  questionPaths: Map<string, string>,
  report: Report,
): void {
  const edges = new Map<string, string[]>();
  for (const section of spec.sections) {
    for (const question of section.questions) {
      edges.set(question.id, dependenciesOf(question, section));
    }
  }
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const reported = new Set<string>();
  const visit = (id: string): void => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      const cycle = [...stack.slice(stack.indexOf(id)), id];
      const key = [...cycle].sort().join();
      if (!reported.has(key)) {
        reported.add(key);
        report(
          'condition_cycle',
          `${questionPaths.get(id) ?? '$'}.visibleIf`,
          `skip logic goes round in a circle: ${cycle.join(' → ')}`,
        );
      }
      return;
    }
    state.set(id, 'visiting');
    stack.push(id);
    for (const dep of edges.get(id) ?? []) if (edges.has(dep)) visit(dep);
    stack.pop();
    state.set(id, 'done');
  };
  [...edges.keys()].forEach(visit);
}

function checkItem(
  item: IndicatorItem,
  path: string,
  entries: ReadonlyMap<string, QuestionEntry>,
  report: Report,
): void {
  const needs = (id: string, at: string, types: readonly Question['type'][]) => {
    const entry = entries.get(id);
    if (!entry) {
      report(
        'unknown_question',
        at,
        `indicator item refers to question "${id}", which does not exist`,
      );
      return undefined;
    }
    if (!types.includes(entry.question.type)) {
      report(
        'wrong_question_type',
        at,
        `rule "${item.rule}" needs a ${types.join(' or ')} question; "${id}" is ${entry.question.type}`,
      );
      return undefined;
    }
    return entry;
  };
  const options = (entry: QuestionEntry | undefined, ids: readonly string[], at: string) => {
    for (const id of ids) {
      if (entry && !entry.optionIds.has(id)) {
        report(
          'unknown_option',
          at,
          `"${entry.question.id}" has no option "${id}" (options: ${[...entry.optionIds].join(', ')})`,
        );
      }
    }
  };
  const scored = (entry: QuestionEntry | undefined, at: string) => {
    if (entry && entry.options.filter((o) => o.score !== undefined).length < 2) {
      report(
        'wrong_question_type',
        at,
        `rule "${item.rule}" needs options with at least two different scores; "${entry.question.id}" has none`,
      );
    }
  };
  const q = `${path}.question`;
  switch (item.rule) {
    case 'scale': {
      const entry = needs(item.question, q, item.row === undefined ? ['single'] : ['grid']);
      scored(entry, q);
      if (entry && item.row !== undefined && !entry.rowIds.has(item.row)) {
        report('unknown_row', `${path}.row`, `"${item.question}" has no row "${item.row}"`);
      }
      return;
    }
    case 'count': {
      const entry = needs(item.question, q, ['multiple']);
      options(entry, item.zero, `${path}.zero`);
      options(entry, item.missing, `${path}.missing`);
      return;
    }
    case 'tick': {
      const entry = needs(item.question, q, ['multiple']);
      options(entry, [item.option], `${path}.option`);
      options(entry, item.missing, `${path}.missing`);
      return;
    }
    case 'points':
      options(needs(item.question, q, ['single']), Object.keys(item.points), `${path}.points`);
      return;
    case 'gatedCount': {
      const gate = needs(item.gate, `${path}.gate`, ['single']);
      options(gate, [item.yes, item.no], `${path}.gate`);
      needs(item.question, q, ['multiple']);
      return;
    }
    case 'max':
      scored(needs(item.question, q, ['grid']), q);
      return;
  }
}

const PLACEHOLDER = /\{\{\s*([^}\s]*)\s*\}\}/g;

/** PA8: every `{{name}}` names a parameter; `{{pipe}}` only in a piped row. */
function checkPlaceholders(spec: Questionnaire, report: Report): void {
  const parameters = new Set(Object.keys(spec.parameters ?? {}));
  const walk = (node: unknown, path: string, mayPipe: boolean): void => {
    if (typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) {
      node.forEach((child, i) => walk(child, `${path}[${i}]`, false));
      return;
    }
    const record = node as Record<string, unknown>;
    const pipes = typeof record['pipe'] === 'string';
    for (const [key, value] of Object.entries(record)) {
      const at = `${path}.${key}`;
      if ((key === 'nb' || key === 'nn') && typeof value === 'string') {
        for (const [, name] of value.matchAll(PLACEHOLDER)) {
          if (name === 'pipe' ? !mayPipe : !parameters.has(name ?? '')) {
            report(
              'unknown_parameter',
              at,
              name === 'pipe'
                ? '"{{pipe}}" only works in a grid row that has "pipe"'
                : `placeholder "{{${name}}}" has no value in "parameters"`,
            );
          }
        }
      } else if (key !== 'parameters') {
        walk(value, at, pipes && key === 'text');
      }
    }
  };
  walk(spec, '$', false);
}

/** `file: path: reason`, the line a person reads in CI or on the server log. */
export function formatSpecError(error: SpecError, file?: string): string {
  return `${file === undefined ? '' : `${file}: `}${error.path}: ${error.message}`;
}
