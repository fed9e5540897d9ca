import type { Plugin } from 'vite';

/**
 * Asks for the Inter file of the first screen in the HTML, next to the
 * JavaScript. Found only through the CSS, they were requested once the first
 * page was laid out, which then drew in the fallback font and was laid out
 * and painted again when Inter arrived; preloaded, they are there for the
 * first layout.
 */
const FIRST_SCREEN_FONTS = /^assets\/inter-latin-wght-normal-[\w-]+\.woff2$/;

export function preloadFontsPlugin(): Plugin {
  return {
    name: 'barometer-preload-fonts',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        return Object.keys(context.bundle ?? {})
          .filter((file) => FIRST_SCREEN_FONTS.test(file))
          .sort()
          .map((file) => ({
            tag: 'link',
            attrs: {
              rel: 'preload',
              href: `/${file}`,
              as: 'font',
              type: 'font/woff2',
              crossorigin: '',
            },
            injectTo: 'head' as const,
          }));
      },
    },
  };
}
