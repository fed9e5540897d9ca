/**
 * The state of one panel as a plain value with `subscribe`/`getState` for
 * React's `useSyncExternalStore`: the panels' flows live in plain modules
 * (`sendAll.ts`, `exportFlow.ts`) that tests drive without a browser.
 */
export interface PanelStore<S> {
  readonly subscribe: (listener: () => void) => () => void;
  readonly getState: () => S;
}

export function createPanelStore<S extends object>(
  initial: S,
): PanelStore<S> & { readonly update: (change: Partial<S>) => void } {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getState: () => state,
    update(change) {
      state = { ...state, ...change };
      for (const listener of listeners) listener();
    },
  };
}
