import { describe, expect, it } from 'vitest';
import { parseRoute, pathOf } from '../../src/platform/router.ts';

describe('routes', () => {
  it.each([
    ['/', { name: 'start' }],
    ['/ny/stat-2021-operativ', { name: 'new', questionnaireId: 'stat-2021-operativ' }],
    ['/svar/abc', { name: 'answer', draftId: 'abc', sectionId: null }],
    ['/svar/abc/kultur', { name: 'answer', draftId: 'abc', sectionId: 'kultur' }],
    ['/svar/abc/oppsummering', { name: 'review', draftId: 'abc' }],
    ['/svar/abc/kvittering', { name: 'receipt', draftId: 'abc' }],
    ['/i/TOKEN', { name: 'invitation', token: 'TOKEN' }],
    ['/i', { name: 'invitation', token: null }],
    ['/nope/x/y', { name: 'notFound' }],
  ])('%s', (path, route) => {
    expect(parseRoute(path)).toEqual(route);
  });

  it('SY8: the invitation route never puts the token back into a URL', () => {
    expect(pathOf({ name: 'invitation', token: 'TOKEN' })).toBe('/i');
  });

  it('paths round-trip', () => {
    for (const path of [
      '/',
      '/ny/x',
      '/svar/a',
      '/svar/a/b',
      '/svar/a/oppsummering',
      '/svar/a/kvittering',
    ]) {
      expect(pathOf(parseRoute(path))).toBe(path);
    }
  });
});
