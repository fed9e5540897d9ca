import { describe, expect, it } from 'vitest';
import { receiptView } from '../../src/features/questionnaire/receiptView.ts';

describe('what /svar/<id>/kvittering shows', () => {
  it('a receipt only for a submitted draft whose questionnaire is loaded', () => {
    expect(receiptView({ phase: 'open', status: 'submitted', spec: 'ready' })).toBe('receipt');
    expect(receiptView({ phase: 'open', status: 'submitted', spec: 'loading' })).toBe('waiting');
  });

  it('a draft never submitted is said to be so, without waiting for its questionnaire', () => {
    expect(receiptView({ phase: 'open', status: 'draft', spec: 'ready' })).toBe('notSubmitted');
    expect(receiptView({ phase: 'open', status: 'draft', spec: 'loading' })).toBe('notSubmitted');
    expect(receiptView({ phase: 'open', status: 'draft', spec: 'failed' })).toBe('notSubmitted');
  });

  it('an id not on this device is said to be missing, not loaded for ever', () => {
    expect(receiptView({ phase: 'missing', status: undefined, spec: 'loading' })).toBe('missing');
  });

  it('waits only while storage has not answered', () => {
    expect(receiptView({ phase: 'opening', status: undefined, spec: 'loading' })).toBe('waiting');
  });

  it('a questionnaire file that failed to load is said, not waited for', () => {
    expect(receiptView({ phase: 'open', status: 'submitted', spec: 'failed' })).toBe('specFailed');
  });
});
