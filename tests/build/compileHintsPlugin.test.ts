import { describe, expect, it } from 'vitest';
import { COMPILE_HINT, compileHintsPlugin } from '../../src/build/compileHintsPlugin.ts';

describe('the compile hint on the first chunk', () => {
  it('puts the hint on the first line of the named chunk only, and moves its source map (and the .map file) down a line', () => {
    const chunk = (name: string, fileName: string) => ({
      type: 'chunk' as const,
      name,
      fileName,
      code: 'const a = 1;\nexport { a };',
      map: { mappings: 'AAAA;AACA' },
    });
    const bundle = {
      'assets/app-1.js': chunk('app', 'assets/app-1.js'),
      'assets/storage-2.js': chunk('storage', 'assets/storage-2.js'),
      'assets/app-1.css': { type: 'asset' as const, name: 'app', source: 'body{}' },
      'assets/app-1.js.map': { type: 'asset' as const, source: '{"mappings":"AAAA;AACA"}' },
    };
    const hook = compileHintsPlugin('app').generateBundle as {
      handler: (options: unknown, bundle: unknown) => void;
    };
    hook.handler({}, bundle);
    expect(bundle['assets/app-1.js'].code).toBe(`${COMPILE_HINT}\nconst a = 1;\nexport { a };`);
    expect(bundle['assets/app-1.js'].map.mappings).toBe(';AAAA;AACA');
    // The written .map file is its own asset: it moves too.
    expect(JSON.parse(bundle['assets/app-1.js.map'].source)).toEqual({ mappings: ';AAAA;AACA' });
    expect(bundle['assets/storage-2.js'].code).toBe('const a = 1;\nexport { a };');
    expect(bundle['assets/storage-2.js'].map.mappings).toBe('AAAA;AACA');
    expect(bundle['assets/app-1.css'].source).toBe('body{}');
  });
});
