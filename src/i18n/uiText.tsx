import type { TFunction } from 'i18next';
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../engine/index.ts';

interface UiText {
  readonly t: TFunction;
  readonly language: Language;
}

const UiTextContext = createContext<UiText | null>(null);

/**
 * The app's one subscription to i18next. react-i18next's `useTranslation`
 * copies the i18next instance for every component that calls it, which on a
 * phone costs more than rendering a question; here that happens once, and
 * components read the result from context (a language change re-renders
 * them through it). The `t` it hands out also remembers plain texts per
 * language, since a page asks for the same few strings many times.
 */
export function UiTextProvider({ children }: { readonly children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const language: Language = i18n.language === 'nn' ? 'nn' : 'nb';
  const value = useMemo(() => ({ t: rememberingPlainTexts(t), language }), [t, language]);
  return <UiTextContext.Provider value={value}>{children}</UiTextContext.Provider>;
}

export function useUiText(): UiText {
  const value = useContext(UiTextContext);
  if (!value) throw new Error('useUiText outside UiTextProvider');
  return value;
}

/** Made anew for each language (see the provider's memo), so a cache holds one language. */
function rememberingPlainTexts(t: TFunction): TFunction {
  const texts = new Map<string, unknown>();
  const translate = t as unknown as (key: unknown, options?: unknown) => unknown;
  const remembering = (key: unknown, options?: unknown) => {
    if (typeof key !== 'string' || options !== undefined) return translate(key, options);
    if (!texts.has(key)) texts.set(key, translate(key));
    return texts.get(key);
  };
  return remembering as unknown as TFunction;
}
