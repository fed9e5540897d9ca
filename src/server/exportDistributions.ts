import {
  compile,
  computeVisibility,
  localize,
  type Answers,
  type Indicator,
  type LocalizedText,
  type QuestionEntry,
  type Questionnaire,
} from '../engine/index.ts';
import {
  decimal,
  number,
  plainColumn,
  text,
  type ExportCell,
  type ExportColumn,
  type ExportResponse,
  type ExportTable,
} from './export.ts';

/**
 * EX5: per indicator, each item that feeds it (a question, or a grid row),
 * how many submitted responses chose each option and what share of them
 * that is: for everyone, then for each peer group of every
 * `benchmarkGroups` entry, groupings and groups in the spec's order, with
 * «uten svar» for those who did not answer the group question. Only the
 * answers that count are read (SK4), as scoring reads them.
 */
export function distributionTable(
  spec: Questionnaire,
  responses: readonly ExportResponse[],
): ExportTable {
  const nb = (value: LocalizedText) => localize(value, 'nb', spec);
  const submitted = responses
    .filter((r) => r.status === 'submitted')
    .map((r) => computeVisibility(spec, r.answers).answers);
  const blocks = groupBlocks(spec, submitted);
  const columns: ExportColumn[] = [
    plainColumn('indikator', 'Indikatorens id', 'tekst'),
    plainColumn('indikator_navn', 'Indikatorens navn', 'tekst', 'indikator (navn)'),
    plainColumn('ledd', 'Spørsmålet eller matriseraden som inngår i indikatoren', 'tekst'),
    plainColumn('sporsmal', 'Spørsmålets tekst', 'tekst', 'spørsmål'),
    plainColumn('type', 'Hva slags spørsmål', 'tekst'),
    plainColumn('kode', 'Svaralternativets kode; tom for «ikke besvart»', 'tekst'),
    plainColumn('svaralternativ', 'Svaralternativets tekst', 'tekst'),
    ...blocks.flatMap((block) => [
      plainColumn(
        `${block.name}.antall`,
        `Antall innsendte svar i ${block.title} med dette svaret`,
        'heltall',
        `${block.title}: antall`,
      ),
      plainColumn(
        `${block.name}.andel`,
        `Andel av de innsendte svarene i ${block.title}, i prosent`,
        'prosent',
        `${block.title}: andel (%)`,
      ),
    ]),
  ];
  const rows: ExportCell[][] = [];
  for (const indicator of spec.indicators ?? []) {
    for (const item of itemsOf(spec, indicator)) {
      const chosen = submitted.map((answers) => item.read(answers));
      const perBlock = blocks.map((block) => chosen.filter((_, i) => block.members[i]));
      const lines = [
        ...item.entry.options.map((o) => ({
          code: o.id,
          label: nb(o.text),
          counts: (ids: readonly string[] | null) => ids?.includes(o.id) === true,
        })),
        { code: null, label: 'Ikke besvart', counts: (ids: readonly string[] | null) => !ids },
      ];
      for (const line of lines) {
        rows.push([
          text(indicator.id),
          text(nb(indicator.name)),
          text(item.key),
          text(item.text),
          text(item.type),
          line.code === null ? null : text(line.code),
          text(line.label),
          ...perBlock.flatMap((inBlock) => {
            const n = inBlock.filter(line.counts).length;
            return [number(n), inBlock.length === 0 ? null : decimal((n / inBlock.length) * 100)];
          }),
        ]);
      }
    }
  }
  return { sheet: 'Fordeling', columns, rows };
}

interface Block {
  readonly name: string;
  readonly title: string;
  /** Per submitted response, whether it is in this block. */
  readonly members: readonly boolean[];
}

/** «Alle», then every grouping's groups in the order of its question's options, then its «uten svar». */
function groupBlocks(spec: Questionnaire, submitted: readonly Answers[]): Block[] {
  const nb = (value: LocalizedText) => localize(value, 'nb', spec);
  const { entries } = compile(spec);
  const blocks: Block[] = [{ name: 'alle', title: 'Alle', members: submitted.map(() => true) }];
  for (const group of spec.benchmarkGroups ?? []) {
    const options = entries.get(group.question)?.options ?? [];
    const answer = (answers: Answers) => {
      const value = Object.hasOwn(answers, group.question) ? answers[group.question] : undefined;
      return typeof value === 'string' && options.some((o) => o.id === value) ? value : null;
    };
    for (const option of options) {
      blocks.push({
        name: `${group.id}.${option.id}`,
        title: `${nb(group.name)}: ${nb(option.text)}`,
        members: submitted.map((answers) => answer(answers) === option.id),
      });
    }
    blocks.push({
      name: `${group.id}.uten_svar`,
      title: `${nb(group.name)}: uten svar`,
      members: submitted.map((answers) => answer(answers) === null),
    });
  }
  return blocks;
}

interface Item {
  readonly key: string;
  readonly text: string;
  readonly type: string;
  readonly entry: QuestionEntry;
  /** The options chosen, or null when the item was not answered. */
  readonly read: (answers: Answers) => readonly string[] | null;
}

/** The questions and grid rows an indicator reads, in its items' order, each once. */
function itemsOf(spec: Questionnaire, indicator: Indicator): Item[] {
  const nb = (value: LocalizedText) => localize(value, 'nb', spec);
  const { entries } = compile(spec);
  const items = new Map<string, Item>();
  const add = (questionId: string, rowId?: string) => {
    const entry = entries.get(questionId);
    if (!entry) return;
    const { question } = entry;
    const value = (answers: Answers) =>
      Object.hasOwn(answers, questionId) ? answers[questionId] : undefined;
    if (question.type === 'grid' && rowId !== undefined) {
      const row = question.rows.find((r) => r.id === rowId);
      items.set(`${questionId}.${rowId}`, {
        key: `${questionId}.${rowId}`,
        text: `${nb(question.text)} – ${row ? nb(row.text) : rowId}`,
        type: 'matrise, én rad',
        entry,
        read: (answers) => {
          const cells = value(answers);
          const cell =
            typeof cells === 'object' && !Array.isArray(cells) && Object.hasOwn(cells, rowId)
              ? (cells as Readonly<Record<string, unknown>>)[rowId]
              : undefined;
          return typeof cell === 'string' ? [cell] : null;
        },
      });
    } else if (question.type === 'single' || question.type === 'multiple') {
      items.set(questionId, {
        key: questionId,
        text: nb(question.text),
        type:
          question.type === 'single' ? 'enkeltvalg' : 'flervalg: andelene summerer ikke til 100',
        entry,
        read: (answers) => {
          const v = value(answers);
          if (typeof v === 'string') return [v];
          return Array.isArray(v) && v.length > 0 ? (v as readonly string[]) : null;
        },
      });
    }
  };
  for (const item of indicator.items) {
    switch (item.rule) {
      case 'scale':
        add(item.question, item.row);
        break;
      case 'gatedCount':
        add(item.gate);
        add(item.question);
        break;
      case 'max': {
        const entry = entries.get(item.question);
        if (entry?.question.type === 'grid')
          for (const row of entry.question.rows) add(item.question, row.id);
        break;
      }
      default:
        add(item.question);
    }
  }
  return [...items.values()];
}
