import { useMemo, useSyncExternalStore } from 'react';
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
