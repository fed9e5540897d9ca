import { useEffect, useState } from 'react';
import { benchmarkCache } from '../../storage/index.ts';
import { fetchPublication } from '../../sync/publicationClient.ts';
import { followPublication, type PublicationState } from './followPublication.ts';

export type { PublicationState };

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The latest publication of a questionnaire's averages, as `followPublication` tells it. */
export function usePublication(questionnaireId: string): PublicationState {
  const [state, setState] = useState<PublicationState>({ status: 'loading' });
  useEffect(() => {
    let isCurrent = true;
    void followPublication(
      questionnaireId,
      { fetchPublication, cache: benchmarkCache(), now: () => Date.now(), wait },
      (next) => {
        if (isCurrent) setState(next);
      },
    );
    return () => {
      isCurrent = false;
    };
  }, [questionnaireId]);
  return state;
}
