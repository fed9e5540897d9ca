import type { CredentialSignal } from './credentialSignal.ts';
import type { Credential, ServerStore } from './db/serverStore.ts';

/**
 * Credentials looked up by token hash, remembered briefly: a burst of saves
 * needs one lookup, not one each. A revocation or erasure empties this
 * cache at once and is announced to the other processes; while the
 * announcement channel is live they drop their caches at once, otherwise a
 * credential is remembered for one second at most (SY7).
 */
const LIVE_TTL_MS = 10_000;
const FALLBACK_TTL_MS = 1_000;

export function cachedCredentials(
  store: ServerStore,
  signal: CredentialSignal,
  maxEntries = 50_000,
) {
  const entries = new Map<string, { credential: Credential | undefined; until: number }>();
  signal.onChange(() => entries.clear());
  return {
    async find(tokenHash: string, now: number): Promise<Credential | undefined> {
      const hit = entries.get(tokenHash);
      if (hit && hit.until > now) return hit.credential;
      const credential = await store.findCredential(tokenHash);
      if (entries.size >= maxEntries) entries.clear();
      const ttl = signal.isLive() ? LIVE_TTL_MS : FALLBACK_TTL_MS;
      entries.set(tokenHash, { credential, until: now + ttl });
      return credential;
    },
    /** After a revocation or erasure here: forget, and tell the other processes. */
    async changed(): Promise<void> {
      entries.clear();
      await signal.announce();
    },
  };
}

export type CredentialCache = ReturnType<typeof cachedCredentials>;
