import type { CollectorRecord, CollectorStore } from '../../storage/lazy.ts';
import type { EnrolResult } from '../../sync/client.ts';

/**
 * Enrolling this device with a collector link (SYNC.md SY15): the server
 * names the collector, and the device keeps that with the token (the token
 * is its key for every save, in IndexedDB only). Without a token — the
 * address was already cleared, say by a reload — the enrolment kept here is
 * shown again. The client and the store are passed in, so every outcome is
 * tested without a browser or a server.
 */
export type EnrolProblem =
  /** The server does not know the link: mistyped, revoked or expired (one 404 for each). */
  | 'not_found'
  /** No token in the address and no enrolment on the device. */
  | 'missing'
  | 'offline'
  | 'unavailable'
  /** Responses of another collector are on the device (`forgetDevice` first). */
  | 'other_collector'
  /** The device could not store the enrolment. */
  | 'failed';

export type EnrolPhase =
  | { readonly kind: 'enrolled'; readonly enrolment: CollectorRecord }
  | { readonly kind: 'problem'; readonly problem: EnrolProblem };

export interface EnrolDeps {
  readonly enrol: (token: string) => Promise<EnrolResult>;
  readonly store: () => Promise<Pick<CollectorStore, 'enrol' | 'getEnrolment'>>;
  readonly now: () => number;
}

export async function enrolDevice(token: string | null, deps: EnrolDeps): Promise<EnrolPhase> {
  try {
    if (token === null) {
      const kept = await (await deps.store()).getEnrolment();
      return kept ? { kind: 'enrolled', enrolment: kept } : { kind: 'problem', problem: 'missing' };
    }
    const reply = await deps.enrol(token);
    if (reply.kind !== 'enrolled') return { kind: 'problem', problem: reply.kind };
    const outcome = await (
      await deps.store()
    ).enrol({
      ...reply.enrolment,
      token,
      enrolledAt: deps.now(),
    });
    return outcome.kind === 'enrolled' ? outcome : { kind: 'problem', problem: outcome.reason };
  } catch {
    return { kind: 'problem', problem: 'failed' };
  }
}
