import { useEffect, useState } from 'react';
import { loadedQuestionnaire, loadQuestionnaire } from '../../platform/catalog.ts';
import type { Questionnaire } from '../../engine/index.ts';

export type Loaded<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly value: T }
  | { readonly status: 'failed'; readonly error: string };

/** The pinned questionnaire version of a draft. */
export function useQuestionnaire(
  id: string | undefined,
  version: number | undefined,
): Loaded<Questionnaire> {
  const ready =
    id === undefined || version === undefined ? undefined : loadedQuestionnaire(id, version);
  const [state, setState] = useState<Loaded<Questionnaire>>({ status: 'loading' });
  useEffect(() => {
    if (id === undefined || version === undefined || ready) return;
    let isCurrent = true;
    setState({ status: 'loading' });
    loadQuestionnaire(id, version).then(
      (value) => isCurrent && setState({ status: 'ready', value }),
      (error: unknown) => isCurrent && setState({ status: 'failed', error: String(error) }),
    );
    return () => {
      isCurrent = false;
    };
  }, [id, version, ready]);
  return ready ? { status: 'ready', value: ready } : state;
}
