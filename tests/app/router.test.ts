import { afterEach, describe, expect, it, vi } from 'vitest';
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
    ['/c/TOKEN', { name: 'enrol', token: 'TOKEN' }],
    ['/c', { name: 'enrol', token: null }],
    ['/innsamling', { name: 'roster' }],
    ['/nope/x/y', { name: 'notFound' }],
  ])('%s', (path, route) => {
    expect(parseRoute(path)).toEqual(route);
  });

  it('SY8: the invitation route never puts the token back into a URL', () => {
    expect(pathOf({ name: 'invitation', token: 'TOKEN' })).toBe('/i');
    expect(pathOf({ name: 'enrol', token: 'TOKEN' })).toBe('/c');
  });

  it('paths round-trip', () => {
    for (const path of [
      '/',
      '/ny/x',
      '/svar/a',
      '/svar/a/b',
      '/svar/a/oppsummering',
      '/svar/a/kvittering',
      '/innsamling',
    ]) {
      expect(pathOf(parseRoute(path))).toBe(path);
    }
  });
});

describe('navigate', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it('shows the next screen at once and writes the address after that frame is painted, or at once when the page is hidden', async () => {
    const location = { pathname: '/svar/a/p1', hash: '' };
    const written: string[] = [];
    const frames: (() => void)[] = [];
    const handlers = new Map<string, () => void>();
    const on = (type: string, handler: () => void) => handlers.set(type, handler);
    const write = (_state: unknown, _title: string, url: string) => {
      written.push(url);
      [location.pathname = '', location.hash = ''] = url.split(/(?=#)/);
    };
    vi.stubGlobal('window', {
      location,
      history: { pushState: write, replaceState: write },
      addEventListener: on,
      removeEventListener: () => undefined,
    });
    vi.stubGlobal('document', { addEventListener: on });
    vi.stubGlobal('requestAnimationFrame', (frame: () => void) => frames.push(frame));
    vi.resetModules();
    const router = await import('../../src/platform/router.ts');

    router.navigate({ name: 'answer', draftId: 'a', sectionId: 'p2' }, { hash: 'q-x' });
    expect(router.currentPathname()).toBe('/svar/a/p2');
    expect(router.currentHash()).toBe('#q-x');
    expect(written).toEqual([]);
    frames.shift()?.();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(written).toEqual(['/svar/a/p2#q-x']);

    router.navigate({ name: 'review', draftId: 'a' });
    handlers.get('pagehide')?.();
    expect(written).toEqual(['/svar/a/p2#q-x', '/svar/a/oppsummering']);
    expect(router.currentPathname()).toBe('/svar/a/oppsummering');
    expect(router.currentHash()).toBe('');
  });
});
