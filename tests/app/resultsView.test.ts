import { describe, expect, it } from 'vitest';
import { resultsView } from '../../src/features/results/resultsView.ts';

const withProfile = { indicatorCount: 6 } as const;

describe('what /svar/<id>/resultat shows', () => {
  it('the profile only for a submitted draft whose questionnaire is loaded and has indicators', () => {
    expect(resultsView({ phase: 'open', status: 'submitted', spec: withProfile })).toBe('results');
    expect(resultsView({ phase: 'open', status: 'submitted', spec: 'loading' })).toBe('waiting');
  });

  it('an id not on this device is said to be missing, not loaded for ever', () => {
    expect(resultsView({ phase: 'missing', status: undefined, spec: 'loading' })).toBe('missing');
  });

  it('a draft never submitted is said to be so, without waiting for its questionnaire', () => {
    expect(resultsView({ phase: 'open', status: 'draft', spec: withProfile })).toBe('notSubmitted');
    expect(resultsView({ phase: 'open', status: 'draft', spec: 'loading' })).toBe('notSubmitted');
    expect(resultsView({ phase: 'open', status: 'draft', spec: 'failed' })).toBe('notSubmitted');
    expect(resultsView({ phase: 'open', status: 'draft', spec: { indicatorCount: 0 } })).toBe(
      'notSubmitted',
    );
  });

  it('waits only while storage has not answered', () => {
    expect(resultsView({ phase: 'opening', status: undefined, spec: 'loading' })).toBe('waiting');
  });

  it('a questionnaire file that failed to load is said, not waited for', () => {
    expect(resultsView({ phase: 'open', status: 'submitted', spec: 'failed' })).toBe('specFailed');
  });

  it('a questionnaire without indicators says it has no profile instead of an empty chart', () => {
    expect(resultsView({ phase: 'open', status: 'submitted', spec: { indicatorCount: 0 } })).toBe(
      'noProfile',
    );
  });
});
