import type { AtRule, Plugin } from 'postcss';

/**
 * Drops the parts of Designsystemet's theme that can never apply here: the
 * app sets neither `data-color-scheme` (it is always the light scheme, the
 * theme's default on `:root`) nor `data-typography="secondary"`. They were a
 * fifth of the first screen's CSS, and every rule costs the browser time to
 * parse and to match on the first style pass. An app with a dark scheme
 * would keep the dark layer and the `auto` media queries.
 */
const UNUSED_LAYERS = new Set(['ds.theme.color-scheme.dark', 'ds.theme.typography.secondary']);
/** Its `@media (prefers-color-scheme: light)` styles `[data-color-scheme=auto]` only. */
const LIGHT_LAYER = 'ds.theme.color-scheme.light';

export function trimThemePlugin(): Plugin {
  return {
    postcssPlugin: 'barometer-trim-theme',
    AtRule: {
      layer(rule) {
        if (UNUSED_LAYERS.has(rule.params)) rule.remove();
      },
      media(rule) {
        if (rule.params.includes('prefers-color-scheme') && enclosingLayer(rule) === LIGHT_LAYER)
          rule.remove();
      },
    },
  };
}

function enclosingLayer(rule: AtRule): string | undefined {
  const parent = rule.parent;
  if (!parent || parent.type !== 'atrule') return undefined;
  const atRule = parent as AtRule;
  return atRule.name === 'layer' ? atRule.params : enclosingLayer(atRule);
}
