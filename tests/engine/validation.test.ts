import { describe, expect, it } from 'vitest';
import {
  parseAnswers,
  toggleOption,
  validateResponse,
  validateSection,
} from '../../src/engine/index.ts';
import { inlineSpec, likert, t } from '../fixtures/inlineSpec.ts';

const spec = inlineSpec([
  {
    id: 'p1',
    title: t('Side 1'),
    questions: [
      { id: 'gate', type: 'single', scale: 'JN', text: t('Gate') },
      likert('optional', { required: false }),
      {
        id: 'partnere',
        type: 'multiple',
        text: t('Partnere'),
        visibleIf: { equals: 'gate', value: 'ja' },
        options: [
          { id: 'a', text: t('A') },
          { id: 'b', text: t('B') },
          { id: 'annet', text: t('Annet') },
          { id: 'nei', exclusive: true, text: t('Nei') },
          { id: 'vet_ikke', exclusive: true, text: t('Vet ikke') },
        ],
      },
      {
        id: 'partnere_tekst',
        type: 'text',
        maxLength: 10,
        text: t('Annet, spesifiser'),
        specifies: { question: 'partnere', option: 'annet' },
      },
    ],
  },
  {
    id: 'p2',
    title: t('Side 2'),
    questions: [
      {
        id: 'fordeling',
        type: 'allocation',
        text: t('Fordel'),
        rows: [
          { id: 'inkrementell', text: t('Inkrementell') },
          { id: 'radikal', text: t('Radikal') },
        ],
      },
      { id: 'antall', type: 'number', integer: true, min: 0, max: 100000, text: t('Antall') },
      {
        id: 'grid',
        type: 'grid',
        scale: 'G4',
        text: t('Grid'),
        rows: [
          { id: 'r1', text: t('R1') },
          { id: 'r2', text: t('R2'), visibleIf: { equals: 'gate', value: 'ja' } },
        ],
      },
      { id: 'fri', type: 'text', maxLength: 20, required: false, text: t('Fritekst') },
    ],
  },
]);

const codes = (issues: { question: string; row?: string; code: string }[]) =>
  issues.map((i) => `${i.question}${i.row ? `.${i.row}` : ''}:${i.code}`);

describe('VA2: required only where visible', () => {
  it('an empty first page asks for the visible required questions only', () => {
    expect(codes(validateSection(spec, {}, 'p1'))).toEqual(['gate:required']);
  });

  it('a question shown by the gate becomes required', () => {
    expect(codes(validateSection(spec, { gate: 'ja' }, 'p1'))).toEqual(['partnere:required']);
  });

  it('a grid needs each visible row; a hidden row is not required', () => {
    const base = { fordeling: { inkrementell: 50, radikal: 50 }, antall: 3 };
    expect(codes(validateSection(spec, { ...base, gate: 'nei', grid: {} }, 'p2'))).toEqual([
      'grid.r1:required',
    ]);
    expect(
      codes(validateSection(spec, { ...base, gate: 'ja', grid: { r1: 'hoy_grad' } }, 'p2')),
    ).toEqual(['grid.r2:required']);
  });

  it('an empty string, list or grid is no answer', () => {
    expect(codes(validateSection(spec, { gate: 'ja', partnere: [] }, 'p1'))).toEqual([
      'partnere:required',
    ]);
  });

  it('SK4: a hidden question is never validated, even with a broken answer left behind', () => {
    const issues = validateResponse(spec, {
      gate: 'nei',
      partnere: ['nei', 'a'],
      partnere_tekst: 'far too long for ten',
      fordeling: { inkrementell: 50, radikal: 50 },
      antall: 1,
      grid: { r1: 'liten_grad' },
    });
    expect(issues).toEqual([]);
  });
});

describe('VA3: exclusive options stand alone', () => {
  it('rejects «Nei» together with a partner', () => {
    expect(validateSection(spec, { gate: 'ja', partnere: ['a', 'nei'] }, 'p1')).toEqual([
      { question: 'partnere', code: 'exclusive', option: 'nei' },
    ]);
  });

  it('A19: ticking an exclusive option clears the others, and the other way round', () => {
    expect(toggleOption(spec, 'partnere', ['a', 'b'], 'nei', true)).toEqual(['nei']);
    expect(toggleOption(spec, 'partnere', ['nei'], 'b', true)).toEqual(['b']);
    expect(toggleOption(spec, 'partnere', ['b'], 'a', true)).toEqual(['a', 'b']);
    expect(toggleOption(spec, 'partnere', ['a', 'b'], 'a', false)).toEqual(['b']);
    expect(toggleOption(spec, 'partnere', ['vet_ikke'], 'nei', true)).toEqual(['nei']);
  });
});

describe('VA5: allocations are whole numbers that sum to 100', () => {
  const page2 = (fordeling: Record<string, number>) =>
    codes(validateSection(spec, { fordeling, antall: 1, grid: { r1: 'hoy_grad' } }, 'p2'));

  it('78 + 22 is accepted', () => {
    expect(page2({ inkrementell: 78, radikal: 22 })).toEqual([]);
  });

  it('a sum other than 100 reports the sum', () => {
    expect(
      validateSection(
        spec,
        { fordeling: { inkrementell: 70, radikal: 20 }, antall: 1, grid: { r1: 'hoy_grad' } },
        'p2',
      ),
    ).toEqual([{ question: 'fordeling', code: 'allocation_sum', params: { sum: 90, total: 100 } }]);
  });

  it('an empty row counts as 0', () => {
    expect(page2({ inkrementell: 100 })).toEqual([]);
  });

  it('fractions and negative shares are rejected per row', () => {
    expect(page2({ inkrementell: 50.5, radikal: 49.5 })).toEqual([
      'fordeling.inkrementell:not_integer',
      'fordeling.radikal:not_integer',
    ]);
    expect(page2({ inkrementell: 120, radikal: -20 })).toEqual([
      'fordeling.inkrementell:out_of_range',
      'fordeling.radikal:out_of_range',
    ]);
  });
});

describe('VA6/VA7: numbers and text', () => {
  const page2 = (extra: Record<string, unknown>) =>
    validateSection(
      spec,
      { fordeling: { inkrementell: 100 }, grid: { r1: 'hoy_grad' }, antall: 1, ...extra },
      'p2',
    );

  it('a number out of range or not whole', () => {
    expect(page2({ antall: -1 })).toEqual([
      { question: 'antall', code: 'out_of_range', params: { min: 0, max: 100000 } },
    ]);
    expect(page2({ antall: 2.5 })).toEqual([{ question: 'antall', code: 'not_integer' }]);
  });

  it('a text longer than its maximum', () => {
    expect(page2({ fri: 'x'.repeat(21) })).toEqual([
      { question: 'fri', code: 'too_long', params: { max: 20, length: 21 } },
    ]);
  });
});

describe('VA8: «Annet, spesifiser» needs its text while the option is ticked', () => {
  it('is required with «Annet» and not without', () => {
    expect(codes(validateSection(spec, { gate: 'ja', partnere: ['annet'] }, 'p1'))).toEqual([
      'partnere_tekst:required',
    ]);
    expect(codes(validateSection(spec, { gate: 'ja', partnere: ['a'] }, 'p1'))).toEqual([]);
  });
});

describe('VA1: answers from outside are checked against the spec', () => {
  it('accepts well-formed answers', () => {
    const result = parseAnswers(spec, {
      gate: 'ja',
      partnere: ['a'],
      grid: { r1: 'hoy_grad' },
      antall: 3,
    });
    expect(result.ok).toBe(true);
  });

  it('reports each kind of malformed answer with its question', () => {
    const result = parseAnswers(
      spec,
      JSON.parse(
        '{"ukjent": "x", "gate": 1, "partnere": ["a", "z"], "grid": {"r9": "hoy_grad"}, "antall": "3", "fordeling": {"radikal": "50"}, "optional": "helt_enig", "__proto__": {"polluted": true}}',
      ),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      { question: 'ukjent', code: 'unknown_question' },
      { question: 'gate', code: 'wrong_type' },
      { question: 'partnere', code: 'unknown_option', option: 'z' },
      { question: 'grid', code: 'unknown_row', row: 'r9' },
      { question: 'antall', code: 'wrong_type' },
      { question: 'fordeling', code: 'wrong_type', row: 'radikal' },
      { question: '__proto__', code: 'unknown_question' },
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('rejects a repeated option', () => {
    const result = parseAnswers(spec, { partnere: ['a', 'a'] });
    expect(result.ok ? [] : result.errors).toEqual([
      { question: 'partnere', code: 'duplicate_option', option: 'a' },
    ]);
  });

  it('rejects anything that is not an object', () => {
    expect(parseAnswers(spec, ['gate']).ok).toBe(false);
    expect(parseAnswers(spec, null).ok).toBe(false);
  });
});
