import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { servedQuestionnaire } from '../../src/build/questionnairesPlugin.ts';
import { parseQuestionnaire } from '../../src/engine/index.ts';

const FILES = readdirSync('questionnaires').filter((f) => f.endsWith('.json'));

/** Every `$comment` removed, written independently of the replacer under test. */
function stripped(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripped);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== '$comment')
      .map(([key, inner]) => [key, stripped(inner)]),
  );
}

describe('the questionnaire files the app fetches', () => {
  it.each(FILES)('%s: everything but the authors’ notes, and smaller', (file) => {
    const source = readFileSync(`questionnaires/${file}`, 'utf8');
    const served = servedQuestionnaire(source);
    expect(served).not.toContain('$comment');
    expect(JSON.parse(served)).toEqual(stripped(JSON.parse(source)));
    expect(served.length).toBeLessThan(source.length * 0.8);
    const parsed = parseQuestionnaire(JSON.parse(served));
    expect(parsed.ok).toBe(true);
  });
});
