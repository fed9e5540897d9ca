import { describe, expect, it } from 'vitest';
import { documentTitle } from '../../src/i18n/useDocumentTitle.ts';

describe('the document title', () => {
  it('puts the most specific part first and the app’s name last, joined by dashes', () => {
    expect(documentTitle(['Side 2 av 10', 'Innovasjonsbarometeret'], 'Barometer')).toBe(
      'Side 2 av 10 – Innovasjonsbarometeret – Barometer',
    );
  });

  it('is the app’s name alone on the start page', () => {
    expect(documentTitle([], 'Barometer')).toBe('Barometer');
  });

  it('leaves out parts not known yet instead of showing them empty', () => {
    expect(documentTitle(['Kvittering', undefined, null, ' '], 'Barometer')).toBe(
      'Kvittering – Barometer',
    );
  });
});
