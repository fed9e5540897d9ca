import 'i18next';
import type nb from '../../locales/nb.json';

/** Typed keys: `t('missing.key')` is a compile error. */
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof nb };
  }
}
