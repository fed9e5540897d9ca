import type { IndexHtmlTransformContext, IndexHtmlTransformHook } from 'vite';
import { describe, expect, it } from 'vitest';
import { preloadFontsPlugin } from '../../src/build/preloadFontsPlugin.ts';

describe('the font preload in the HTML', () => {
  it("preloads exactly the first screen's Inter woff2 files of the build", async () => {
    const hook = preloadFontsPlugin().transformIndexHtml as { handler: IndexHtmlTransformHook };
    const bundle = Object.fromEntries(
      [
        'assets/app-AbC123.js',
        'assets/inter-latin-600-normal-LgqL8muc.woff2',
        'assets/inter-latin-400-normal-C38fXH4l.woff2',
        'assets/inter-latin-400-normal-CyCys3Eg.woff',
        'assets/inter-latin-500-normal-Cerq10X2.woff2',
        'assets/inter-latin-700-normal-Zz9.woff2',
      ].map((file) => [file, {}]),
    );
    const context = { bundle } as unknown as IndexHtmlTransformContext;
    const tags = await hook.handler.call({} as never, '<html></html>', context);
    expect(tags).toEqual(
      ['400-normal-C38fXH4l', '500-normal-Cerq10X2', '600-normal-LgqL8muc'].map((name) => ({
        tag: 'link',
        attrs: {
          rel: 'preload',
          href: `/assets/inter-latin-${name}.woff2`,
          as: 'font',
          type: 'font/woff2',
          crossorigin: '',
        },
        injectTo: 'head',
      })),
    );
  });
});
