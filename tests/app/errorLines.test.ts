import { describe, expect, it } from 'vitest';
import { joinLabel } from '../../src/features/questionnaire/errorLines.ts';

describe('an error summary line reads as Norwegian', () => {
  it('a question ending in ? or : is followed by the message, without a colon of ours', () => {
    expect(joinLabel('Hvilken type virksomhet?', 'Velg et svar.')).toBe(
      'Hvilken type virksomhet? Velg et svar.',
    );
    expect(joinLabel('Hvilket annet mål: ', 'Skriv hva.')).toBe('Hvilket annet mål: Skriv hva.');
  });

  it('a label without its own punctuation gets a colon', () => {
    expect(joinLabel('Antall ansatte', 'Skriv et helt tall.')).toBe(
      'Antall ansatte: Skriv et helt tall.',
    );
  });
});
