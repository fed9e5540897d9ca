import { afterNextPaint } from './firstPaint.ts';
import { useSyncExternalStore } from 'react';

/** A few path routes with the History API; the service worker serves the shell for any of them. */
export type Route =
  | { readonly name: 'start' }
  | { readonly name: 'new'; readonly questionnaireId: string }
  | { readonly name: 'answer'; readonly draftId: string; readonly sectionId: string | null }
  | { readonly name: 'review'; readonly draftId: string }
  | { readonly name: 'receipt'; readonly draftId: string }
  | { readonly name: 'results'; readonly draftId: string }
  | { readonly name: 'admin' }
  /** The privacy statement (`config/site.json`). */
  | { readonly name: 'privacy' }
  /** An invitation link; the token is taken out of the address bar at once (SY8). */
  | { readonly name: 'invitation'; readonly token: string | null }
  /** A collector link (SY15); its token too leaves the address bar at once. */
  | { readonly name: 'enrol'; readonly token: string | null }
  /** A collector's roster: every respondent on this device. */
  | { readonly name: 'roster' }
  | { readonly name: 'notFound' };

export function parseRoute(pathname: string): Route {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const [first, second, third] = parts;
  if (parts.length === 0) return { name: 'start' };
  if (first === 'admin' && parts.length === 1) return { name: 'admin' };
  if (first === 'personvern' && parts.length === 1) return { name: 'privacy' };
  if (first === 'ny' && second && parts.length === 2)
    return { name: 'new', questionnaireId: second };
  if (first === 'i' && parts.length <= 2) return { name: 'invitation', token: second ?? null };
  if (first === 'c' && parts.length <= 2) return { name: 'enrol', token: second ?? null };
  if (first === 'innsamling' && parts.length === 1) return { name: 'roster' };
  if (first === 'svar' && second) {
    if (parts.length === 2) return { name: 'answer', draftId: second, sectionId: null };
    if (third === 'oppsummering' && parts.length === 3) return { name: 'review', draftId: second };
    if (third === 'kvittering' && parts.length === 3) return { name: 'receipt', draftId: second };
    if (third === 'resultat' && parts.length === 3) return { name: 'results', draftId: second };
    if (third && parts.length === 3) return { name: 'answer', draftId: second, sectionId: third };
  }
  return { name: 'notFound' };
}

export function pathOf(route: Route): string {
  switch (route.name) {
    case 'start':
    case 'notFound':
      return '/';
    case 'new':
      return `/ny/${encodeURIComponent(route.questionnaireId)}`;
    case 'answer':
      return `/svar/${route.draftId}${route.sectionId ? `/${encodeURIComponent(route.sectionId)}` : ''}`;
    case 'review':
      return `/svar/${route.draftId}/oppsummering`;
    case 'receipt':
      return `/svar/${route.draftId}/kvittering`;
    case 'invitation':
      return '/i';
    case 'enrol':
      return '/c';
    case 'roster':
      return '/innsamling';
    case 'admin':
      return '/admin';
    case 'privacy':
      return '/personvern';
    case 'results':
      return `/svar/${route.draftId}/resultat`;
  }
}

const listeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
};

/**
 * Where the app is while the address bar catches up. A history entry costs a
 * phone milliseconds (it is a message to the browser), so the next screen is
 * painted first and its address written just after; a page being hidden or
 * closed writes it at once.
 */
let shown: { readonly pathname: string; readonly hash: string } | null = null;
const historyWrites: (() => void)[] = [];

function writeHistory() {
  for (const write of historyWrites.splice(0)) write();
  shown = null;
}

if (typeof window !== 'undefined') {
  window.addEventListener('pagehide', writeHistory);
  document.addEventListener('visibilitychange', writeHistory);
  window.addEventListener('popstate', () => {
    historyWrites.length = 0;
    shown = null;
  });
}

export function navigate(route: Route, options: { replace?: boolean; hash?: string } = {}) {
  const pathname = pathOf(route);
  const hash = options.hash ? `#${options.hash}` : '';
  shown = { pathname, hash };
  historyWrites.push(() => {
    if (options.replace) window.history.replaceState(null, '', pathname + hash);
    else window.history.pushState(null, '', pathname + hash);
  });
  if (historyWrites.length === 1) afterNextPaint(writeHistory);
  listeners.forEach((l) => l());
}

/** The path of the screen shown (the address bar may be a frame behind). */
export function currentPathname(): string {
  return shown?.pathname ?? window.location.pathname;
}

/** The fragment of the screen shown («#…», or empty). */
export function currentHash(): string {
  return shown ? shown.hash : window.location.hash;
}

export function useRoute(): Route {
  const pathname = useSyncExternalStore(subscribe, currentPathname);
  return parseRoute(pathname);
}
