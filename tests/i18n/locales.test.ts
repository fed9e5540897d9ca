import { describe, expect, it } from 'vitest';
import nb from '../../locales/nb.json';
import nn from '../../locales/nn.json';

function leaves(node: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof node === 'string') out.set(prefix, node);
  else if (typeof node === 'object' && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      for (const [k, v] of leaves(value, prefix ? `${prefix}.${key}` : key)) out.set(k, v);
    }
  }
  return out;
}

const PLACEHOLDER = /\{\{\s*(\w+)/g;

describe('UI texts exist in Bokmål and Nynorsk', () => {
  const bokmal = leaves(nb);
  const nynorsk = leaves(nn);

  it('nb and nn have the same keys', () => {
    expect([...nynorsk.keys()].sort()).toEqual([...bokmal.keys()].sort());
  });

  it('no text is empty', () => {
    const empty = [...bokmal, ...nynorsk].filter(([, v]) => v.trim() === '').map(([k]) => k);
    expect(empty).toEqual([]);
  });

  it('each key uses the same placeholders in both languages', () => {
    const mismatched = [...bokmal].filter(([key, text]) => {
      const other = nynorsk.get(key) ?? '';
      const names = (s: string) =>
        [...s.matchAll(PLACEHOLDER)]
          .map((m) => m[1])
          .sort()
          .join();
      return names(text) !== names(other);
    });
    expect(mismatched.map(([k]) => k)).toEqual([]);
  });
});
