import type { CredentialSignal } from './credentialSignal.ts';
import type { Collector } from './db/collectorStore.ts';
import type { Credential, ServerStore } from './db/serverStore.ts';

/**
 * What a bearer token opens, looked up by its hash and remembered briefly: a
 * burst of saves needs one lookup, not one each. A revocation or erasure
 * empties this cache at once and is announced to the other processes; while
 * the announcement channel is live they drop their caches at once, otherwise
 * an entry is remembered for one second at most (SY7). Only tokens that open
 * something are remembered: an unknown one is asked again each time (the
 * failed-credential limit caps how often), so a respondent's link works as
 * soon as a collector's save has made it (SY17).
 */
const LIVE_TTL_MS = 10_000;
const FALLBACK_TTL_MS = 1_000;

/** A credential for one response, or a collector link (SY16). */
export type TokenAccess =
  | { readonly kind: 'credential'; readonly credential: Credential }
  | { readonly kind: 'collector'; readonly collector: Collector };

/** Neither revoked nor expired: the rest of SY7 is the caller's (the response, the scope). */
export function isUsable(
  access: { readonly revokedAt: number | null; readonly expiresAt: number | null },
  now: number,
): boolean {
  return access.revokedAt === null && (access.expiresAt === null || access.expiresAt > now);
}

export function cachedCredentials(
  store: ServerStore,
  signal: CredentialSignal,
  maxEntries = 50_000,
) {
  const entries = new Map<string, { access: TokenAccess; until: number }>();
  signal.onChange(() => entries.clear());

  const lookup = async (tokenHash: string): Promise<TokenAccess | undefined> => {
    const credential = await store.findCredential(tokenHash);
    if (credential) return { kind: 'credential', credential };
    const collector = await store.findCollector(tokenHash);
    return collector && { kind: 'collector', collector };
  };

  return {
    async find(tokenHash: string, now: number): Promise<TokenAccess | undefined> {
      const hit = entries.get(tokenHash);
      if (hit && hit.until > now) return hit.access;
      const access = await lookup(tokenHash);
      if (!access) return undefined;
      if (entries.size >= maxEntries) entries.clear();
      const ttl = signal.isLive() ? LIVE_TTL_MS : FALLBACK_TTL_MS;
      entries.set(tokenHash, { access, until: now + ttl });
      return access;
    },
    /** After a revocation or erasure here: forget, and tell the other processes. */
    async changed(): Promise<void> {
      entries.clear();
      await signal.announce();
    },
  };
}

export type CredentialCache = ReturnType<typeof cachedCredentials>;
