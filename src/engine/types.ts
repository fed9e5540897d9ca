/**
 * The questionnaire spec format and the answer model. The Yup schema in
 * `specSchema.ts` checks the structure; `checkSemantics.ts` checks what a
 * schema cannot (references, cycles, placeholders). Do not change a shape
 * here without updating both and `questionnaires/README.md`.
 */

export const LANGUAGES = ['nb', 'nn'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Every text a respondent can see exists in Bokmål and Nynorsk. */
export type LocalizedText = Readonly<Record<Language, string>>;

export interface ChoiceOption {
  readonly id: string;
  readonly text: LocalizedText;
  /** Position on an ordered scale (1 = lowest). Options without a score, such as «Vet ikke», never score. */
  readonly score?: number;
  /** Only on multiple choice: the option must be the only one selected («Nei, vi samarbeider ikke …», «Vet ikke»). */
  readonly exclusive?: boolean;
  readonly $comment?: string;
}

export interface Scale {
  readonly options: readonly ChoiceOption[];
  readonly $comment?: string;
}

/**
 * JSON skip-logic conditions. Each names the question it reads; `row` picks
 * one row of a grid. A question that is hidden reads as unanswered.
 */
export type Condition =
  | { readonly equals: string; readonly row?: string; readonly value: string | number }
  | { readonly in: string; readonly row?: string; readonly values: readonly (string | number)[] }
  | { readonly answered: string; readonly row?: string }
  | {
      readonly count: string;
      readonly value?: string;
      readonly min?: number;
      readonly max?: number;
    }
  | { readonly not: Condition }
  | { readonly and: readonly Condition[] }
  | { readonly or: readonly Condition[] };

interface QuestionBase {
  readonly id: string;
  readonly text: LocalizedText;
  readonly help?: LocalizedText;
  /** Defaults to true. Required applies only while the question is visible. */
  readonly required?: boolean;
  readonly visibleIf?: Condition;
  readonly $comment?: string;
}

interface ChoiceSource {
  /** Inline options, or `scale` naming one of the questionnaire's shared scales; exactly one of the two. */
  readonly options?: readonly ChoiceOption[];
  readonly scale?: string;
}

export interface SingleChoiceQuestion extends QuestionBase, ChoiceSource {
  readonly type: 'single';
}

export interface MultipleChoiceQuestion extends QuestionBase, ChoiceSource {
  readonly type: 'multiple';
  readonly minSelected?: number;
  readonly maxSelected?: number;
}

export interface GridRow {
  readonly id: string;
  /** With `pipe`, `{{pipe}}` in the text is replaced by the answer to that text question. */
  readonly text: LocalizedText;
  readonly visibleIf?: Condition;
  readonly pipe?: string;
  readonly $comment?: string;
}

/** Statements or categories sharing one scale; each row is answered on its own. */
export interface GridQuestion extends QuestionBase, ChoiceSource {
  readonly type: 'grid';
  readonly rows: readonly GridRow[];
}

export interface AllocationRow {
  readonly id: string;
  readonly text: LocalizedText;
  readonly help?: LocalizedText;
  readonly $comment?: string;
}

/** Whole-number shares over rows that must add up to `total` (default 100). */
export interface AllocationQuestion extends QuestionBase {
  readonly type: 'allocation';
  readonly rows: readonly AllocationRow[];
  readonly total?: number;
}

export interface NumberQuestion extends QuestionBase {
  readonly type: 'number';
  readonly min?: number;
  readonly max?: number;
  readonly integer?: boolean;
  readonly unit?: LocalizedText;
}

export interface TextQuestion extends QuestionBase {
  readonly type: 'text';
  readonly maxLength: number;
  readonly multiline?: boolean;
  /**
   * «Annet, spesifiser»: the text belongs to one option of a choice question.
   * It is shown only while that option is chosen, and is then required
   * unless `required` is false.
   */
  readonly specifies?: { readonly question: string; readonly option: string };
}

export type Question =
  | SingleChoiceQuestion
  | MultipleChoiceQuestion
  | GridQuestion
  | AllocationQuestion
  | NumberQuestion
  | TextQuestion;

export type QuestionType = Question['type'];
export type ChoiceQuestion = SingleChoiceQuestion | MultipleChoiceQuestion | GridQuestion;

/** One page of the questionnaire. */
export interface Section {
  readonly id: string;
  readonly title: LocalizedText;
  /** Paragraphs separated by a blank line; lines starting with "- " are list items. */
  readonly intro?: LocalizedText;
  readonly visibleIf?: Condition;
  readonly questions: readonly Question[];
  readonly $comment?: string;
}

/**
 * How one indicator item turns answers into 0–100. The rules restate
 * «VEDLEGG 1» of the 2021 state report; `src/engine/SPEC.md` gives each its id.
 */
export type IndicatorItem =
  /** SC1: an ordered scale, lowest score → 0, highest → 100, options without a score left out. */
  | { readonly rule: 'scale'; readonly question: string; readonly row?: string }
  /** SC2/SC3: number of options ticked; `zero` options give 0, `missing` options give no score. */
  | {
      readonly rule: 'count';
      readonly question: string;
      readonly base: number;
      readonly step: number;
      readonly fullAt: number;
      readonly zero: readonly string[];
      readonly missing: readonly string[];
    }
  /** SC4: 100 if `option` is ticked, 0 if anything else is, no score for `missing` options. */
  | {
      readonly rule: 'tick';
      readonly question: string;
      readonly option: string;
      readonly missing: readonly string[];
    }
  /** SC5: fixed points per option; options not listed give no score. */
  | {
      readonly rule: 'points';
      readonly question: string;
      readonly points: Readonly<Record<string, number>>;
    }
  /** SC6: gate «Nei» → 0; gate «Ja» → count of ticks in `question` scored like `count`. */
  | {
      readonly rule: 'gatedCount';
      readonly gate: string;
      readonly yes: string;
      readonly no: string;
      readonly question: string;
      readonly base: number;
      readonly step: number;
      readonly fullAt: number;
    }
  /** SC7: the highest scored row of a grid, converted like `scale`. */
  | { readonly rule: 'max'; readonly question: string };

export type IndicatorRule = IndicatorItem['rule'];

export interface Indicator {
  readonly id: string;
  readonly name: LocalizedText;
  readonly description: LocalizedText;
  readonly items: readonly IndicatorItem[];
  readonly $comment?: string;
}

export interface Provenance {
  /** `partial` marks a reconstruction that lacks questions or labels of the original instrument. */
  readonly completeness: 'full' | 'partial';
  readonly note: LocalizedText;
}

export interface Questionnaire {
  readonly $schema?: string;
  readonly $comment?: string;
  readonly id: string;
  /** Whole number, bumped on every published change; answers are pinned to (id, version). */
  readonly version: number;
  readonly title: LocalizedText;
  readonly description?: LocalizedText;
  readonly provenance: Provenance;
  /** Values for `{{name}}` placeholders in any text, e.g. the reference period. */
  readonly parameters?: Readonly<Record<string, string | LocalizedText>>;
  readonly scales?: Readonly<Record<string, Scale>>;
  readonly sections: readonly Section[];
  readonly indicators?: readonly Indicator[];
  /** Background questions whose answers form peer groups in the benchmark (e.g. number of employees). */
  readonly benchmarkGroups?: readonly BenchmarkGroup[];
}

export interface BenchmarkGroup {
  readonly id: string;
  /** A single-choice question; each option is one peer group. */
  readonly question: string;
  readonly name: LocalizedText;
}

/**
 * One stored answer. Single choice: option id. Multiple choice: option ids.
 * Grid: row id → option id. Allocation: row id → whole number. Number: number.
 * Text: string.
 */
export type AnswerValue =
  | string
  | number
  | readonly string[]
  | Readonly<Record<string, string>>
  | Readonly<Record<string, number>>;

/** Answers keyed by question id. Missing means not answered. */
export type Answers = Readonly<Record<string, AnswerValue>>;
