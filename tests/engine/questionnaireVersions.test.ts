import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  carryOverAnswers,
  parseQuestionnaire,
  type Questionnaire,
} from '../../src/engine/index.ts';
import { answersFor } from '../e2e/support/specs.ts';

/**
 * The published versions of each questionnaire (questionnaires/README.md,
 * «Versioning»). Version 2 of the three questionnaires mends wording only
 * (issue 16), so it must keep every id, option, rule and indicator of
 * version 1: a draft moved to it keeps every answer (VE1), and the national
 * figure pools both versions.
 */
const FILES = readdirSync('questionnaires').filter((f) => f.endsWith('.json'));

function load(file: string): Questionnaire {
  const parsed = parseQuestionnaire(JSON.parse(readFileSync(`questionnaires/${file}`, 'utf8')));
  if (!parsed.ok) throw new Error(`${file} is invalid`);
  return parsed.value;
}

/** The document without its wording: texts in both languages, comments and the version number. */
function structure(file: string): unknown {
  const strip = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(strip);
    if (node === null || typeof node !== 'object') return node;
    const entries = Object.entries(node);
    if (entries.length === 2 && 'nb' in node && 'nn' in node) return 'TEXT';
    return Object.fromEntries(
      entries
        .filter(([key]) => key !== '$comment' && key !== 'version')
        .map(([k, v]) => [k, strip(v)]),
    );
  };
  return strip(JSON.parse(readFileSync(`questionnaires/${file}`, 'utf8')));
}

const WORDING_ONLY = ['stat-2021-strategisk', 'stat-2021-operativ', 'ks-2020-kommune'];

describe('questionnaire versions', () => {
  it('every file is named after its id and version, and each id has versions 1, 2, … without a gap', () => {
    const versions = new Map<string, number[]>();
    for (const file of FILES) {
      const spec = load(file);
      expect(file).toBe(`${spec.id}.v${spec.version}.json`);
      versions.set(spec.id, [...(versions.get(spec.id) ?? []), spec.version]);
    }
    for (const [id, list] of versions) {
      expect([id, list.sort((a, b) => a - b)]).toEqual([id, list.map((_, i) => i + 1)]);
    }
  });

  for (const id of WORDING_ONLY) {
    it(`${id} v2 changes wording only: the same ids, options, rules and indicators as v1`, () => {
      expect(structure(`${id}.v2.json`)).toEqual(structure(`${id}.v1.json`));
    });

    it(`${id}: a draft moved from v1 to v2 keeps every answer (VE1)`, () => {
      const [v1, v2] = [load(`${id}.v1.json`), load(`${id}.v2.json`)];
      const answers = answersFor(v1);
      expect(carryOverAnswers(v1, v2, answers)).toEqual({ answers, dropped: [], added: [] });
    });
  }

  it('v2 no longer asks to «spesifiser» anywhere a respondent reads, in either language', () => {
    for (const id of WORDING_ONLY) {
      // The provenance note quotes the old wording to say what version 2 changed.
      const texts: string[] = [];
      JSON.stringify(load(`${id}.v2.json`), (key, value: unknown) => {
        if (key === 'provenance') return undefined;
        if ((key === 'nb' || key === 'nn') && typeof value === 'string') texts.push(value);
        return value;
      });
      expect(texts.length).toBeGreaterThan(100);
      expect([id, texts.filter((text) => /spesifiser|vennligst/i.test(text))]).toEqual([id, []]);
    }
  });
});
