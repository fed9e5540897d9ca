import type { Plugin } from 'vite';

/**
 * V8's explicit compile hint on the first chunk: nearly every function in it
 * runs on the first screen, so Chromium (136+) compiles them all on the
 * thread that streams the script in, instead of one by one on the main thread
 * as each is first called. Other engines ignore the comment. It has to be the
 * file's first line, so it is added after every other plugin has written the
 * chunk; the source map moves down one line with it.
 */
export const COMPILE_HINT = '//# allFunctionsCalledOnLoad';

export function compileHintsPlugin(chunkName: string): Plugin {
  return {
    name: 'barometer-compile-hints',
    apply: 'build',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        for (const output of Object.values(bundle)) {
          if (output.type !== 'chunk' || output.name !== chunkName) continue;
          output.code = `${COMPILE_HINT}\n${output.code}`;
          if (!output.map) continue;
          const map = { ...output.map, mappings: `;${output.map.mappings}` };
          output.map = map;
          // The .map file is already an asset of the bundle, written from its own source.
          const file = bundle[output.sourcemapFileName ?? `${output.fileName}.map`];
          if (file?.type === 'asset') file.source = JSON.stringify(map);
        }
      },
    },
  };
}
