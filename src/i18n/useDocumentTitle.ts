import { useEffect } from 'react';
import { useUiText } from './uiText.tsx';

/**
 * The browser tab's title, most specific first and the app's name last:
 * «Side 2 av 10 – Innovasjonsbarometeret … – Barometer». Parts not known yet
 * (a questionnaire still loading) are left out rather than shown empty.
 */
export function documentTitle(
  parts: readonly (string | null | undefined)[],
  appName: string,
): string {
  return [...parts.filter((part): part is string => !!part && part.trim() !== ''), appName].join(
    ' – ',
  );
}

/**
 * Says where the person is in the tab's title, which screen readers read
 * first and history and tabs show (WCAG 2.4.2): each screen calls it once
 * with its own parts. It writes only when the title changes, because each
 * write is a message to the browser; it restores nothing on leaving, because
 * the next screen sets its own. The write waits until the screen is painted:
 * an effect of a click runs before the paint, and the write took 8 ms of each
 * «Neste» at 4× CPU throttling (`BENCH_PROFILE_TAP=1`).
 */
export function useDocumentTitle(...parts: (string | null | undefined)[]): void {
  const { t } = useUiText();
  const title = documentTitle(parts, t('app.name'));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => {
        if (document.title !== title) document.title = title;
      }, 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [title]);
}
