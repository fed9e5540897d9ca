import type { IndexHtmlTransformContext, IndexHtmlTransformHook } from 'vite';
import { describe, expect, it } from 'vitest';
import { preloadFontsPlugin } from '../../src/build/preloadFontsPlugin.ts';

describe('the font preload in the HTML', () => {
  it("preloads exactly the first screen's Inter file of the build: the upright Latin variable woff2", async () => {
    const hook = preloadFontsPlugin().transformIndexHtml as { handler: IndexHtmlTransformHook };
    const bundle = Object.fromEntries(
      [
        'assets/app-AbC123.js',
        'assets/inter-latin-wght-italic-Qw3rTy.woff2',
        'assets/inter-latin-wght-normal-Dx4kXJAl.woff2',
        'assets/inter-latin-ext-wght-normal-Zz9.woff2',
        'assets/inter-latin-wght-normal-CyCys3Eg.woff',
      ].map((file) => [file, {}]),
    );
    const context = { bundle } as unknown as IndexHtmlTransformContext;
    const tags = await hook.handler.call({} as never, '<html></html>', context);
    expect(tags).toEqual([
      {
        tag: 'link',
        attrs: {
          rel: 'preload',
          href: '/assets/inter-latin-wght-normal-Dx4kXJAl.woff2',
          as: 'font',
          type: 'font/woff2',
          crossorigin: '',
        },
        injectTo: 'head',
      },
    ]);
  });
});
