import type { Credential, ServerStore } from './db/serverStore.ts';

/**
 * Credentials looked up by token hash, remembered for a second: a burst of
 * saves needs one lookup, not one each. A revocation or erasure in this
 * process empties the cache at once; one made by another server process
 * takes effect within `ttlMs` (SY7).
 */
export function cachedCredentials(store: ServerStore, ttlMs = 1_000, maxEntries = 50_000) {
  const entries = new Map<string, { credential: Credential | undefined; until: number }>();
  return {
    async find(tokenHash: string, now: number): Promise<Credential | undefined> {
      const hit = entries.get(tokenHash);
      if (hit && hit.until > now) return hit.credential;
      const credential = await store.findCredential(tokenHash);
      if (entries.size >= maxEntries) entries.clear();
      entries.set(tokenHash, { credential, until: now + ttlMs });
      return credential;
    },
    invalidate(): void {
      entries.clear();
    },
  };
}

export type CredentialCache = ReturnType<typeof cachedCredentials>;
