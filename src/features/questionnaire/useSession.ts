import { useCallback, useLayoutEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { afterNextPaint } from '../../platform/firstPaint.ts';
import type { Questionnaire } from '../../engine/index.ts';
import type { AnsweringSession, SessionSnapshot } from '../../session/answeringSession.ts';
import { openSession } from '../../session/browserSession.ts';

/** The answering session of `draftId` (one per draft on this page; see src/session/). */
export function useSession(draftId: string): AnsweringSession {
  return useMemo(() => openSession(draftId), [draftId]);
}

/**
 * One part of the session's state; the component re-renders only when that
 * part changes (the snapshot keeps unchanged parts identical).
 */
export function useSessionState<T>(
  session: AnsweringSession,
  select: (snapshot: SessionSnapshot) => T,
): T {
  return useSyncExternalStore(session.subscribe, () => select(session.getSnapshot()));
}

/**
 * Like `useSessionState`, for what a tap need not paint in its own frame (the
 * save line, the progress): a change is taken in after the frame being
 * prepared has been painted, so a click paints its choice first and the rest
 * follows in the next frame.
 */
export function useSessionStateAfterPaint<T>(
  session: AnsweringSession,
  select: (snapshot: SessionSnapshot) => T,
): T {
  // The part this component shows now, and how to read it: a change the part does not see
  // (most of a tap's) schedules nothing for the next frame.
  const latest = useRef({ select, shown: undefined as T | undefined });
  const subscribe = useCallback(
    (onChange: () => void) => {
      let cancel: (() => void) | undefined;
      const stop = session.subscribe(() => {
        if (cancel) return;
        const { select: read, shown } = latest.current;
        if (Object.is(read(session.getSnapshot()), shown)) return;
        cancel = afterNextPaint(() => {
          cancel = undefined;
          onChange();
        });
      });
      return () => {
        stop();
        cancel?.();
      };
    },
    [session],
  );
  const value = useSyncExternalStore(subscribe, () => select(session.getSnapshot()));
  useLayoutEffect(() => {
    latest.current = { select, shown: value };
  });
  return value;
}

/** What a part of the answering page (progress, notices) is given: the session and the page shown. */
export interface PagePartProps {
  readonly session: AnsweringSession;
  readonly spec: Questionnaire;
  readonly sectionId: string;
}
