import { readFileSync } from 'node:fs';
import postcss from 'postcss';
import { describe, expect, it } from 'vitest';
import { trimThemePlugin } from '../../src/build/trimThemePlugin.ts';

const THEME = readFileSync(
  'node_modules/@digdir/designsystemet-css/dist/theme/designsystemet.css',
  'utf8',
);

const trim = (css: string) => postcss([trimThemePlugin()]).process(css, { from: undefined }).css;

describe("trimming Designsystemet's theme", () => {
  it('drops the dark scheme, the secondary typography and the auto scheme, and keeps the rest as it was', () => {
    const trimmed = trim(THEME);
    expect(THEME).toContain('[data-color-scheme=dark]');
    expect(trimmed).not.toContain('data-color-scheme=dark');
    expect(trimmed).not.toContain('data-color-scheme=auto');
    expect(trimmed).not.toContain('data-typography=secondary');
    expect(trimmed).not.toContain('prefers-color-scheme');
    // The light scheme on :root, the colours, sizes and primary typography are untouched.
    for (const layer of [
      'ds.theme.color-scheme.light',
      'ds.theme.color',
      'ds.theme.size',
      'ds.theme.typography.primary',
    ]) {
      expect(trimmed).toContain(`@layer ${layer}{`);
    }
    expect(trimmed).toContain(':root,[data-color-scheme=light]');
    expect(trimmed.length).toBeLessThan(THEME.length * 0.7);
  });

  it("leaves component styles alone: the results screen's table and disclosure keep every rule", () => {
    for (const component of ['table', 'details']) {
      const css = readFileSync(
        `node_modules/@digdir/designsystemet-css/dist/src/${component}.css`,
        'utf8',
      );
      expect(css).toContain(`.ds-${component}{`);
      expect(trim(css)).toBe(css);
    }
  });

  it('leaves media queries outside the light layer alone', () => {
    const css =
      '@layer app{@media (prefers-color-scheme:light){a{color:red}}}' +
      '@layer ds.theme.color-scheme.light{:root{--x:1}@media (prefers-color-scheme:light){[data-color-scheme=auto]{--x:1}}}';
    expect(trim(css)).toBe(
      '@layer app{@media (prefers-color-scheme:light){a{color:red}}}@layer ds.theme.color-scheme.light{:root{--x:1}}',
    );
  });
});
