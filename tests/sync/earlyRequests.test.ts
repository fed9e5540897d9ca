import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchPublicationEarly } from '../../src/sync/earlyRequests.ts';
import { fetchPublication } from '../../src/sync/publicationClient.ts';

/**
 * The results screen's publication asked for as the app starts: the client
 * takes that reply once, checks it as any other, and asks again after.
 */
const notPublished = () =>
  new Response(JSON.stringify({ error: 'not_published', k: 5 }), {
    status: 404,
    headers: { 'content-type': 'application/json' },
  });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('a request started early', () => {
  it('is taken by the client once, then the client asks again', async () => {
    const early = vi.fn<typeof fetch>(() => Promise.resolve(notPublished()));
    vi.stubGlobal('fetch', early);
    fetchPublicationEarly('stat-2021-operativ');
    fetchPublicationEarly('stat-2021-operativ');
    expect(early).toHaveBeenCalledTimes(1);
    expect(early).toHaveBeenCalledWith('/api/benchmarks/stat-2021-operativ', {
      cache: 'no-cache',
    });

    const later = vi.fn(() => Promise.resolve(notPublished()));
    expect(await fetchPublication('stat-2021-operativ', later)).toEqual({
      kind: 'notPublished',
      k: 5,
    });
    expect(later).not.toHaveBeenCalled();
    expect(await fetchPublication('stat-2021-operativ', later)).toEqual({
      kind: 'notPublished',
      k: 5,
    });
    expect(later).toHaveBeenCalledTimes(1);
  });

  it('is checked like any reply: a failed or foreign one is a failure, not thrown', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('offline')));
    fetchPublicationEarly('q');
    expect(await fetchPublication('q', () => Promise.resolve(notPublished()))).toEqual({
      kind: 'failed',
    });
    vi.stubGlobal('fetch', () => Promise.resolve(new Response('<html>portal</html>')));
    fetchPublicationEarly('q');
    expect(await fetchPublication('q')).toEqual({ kind: 'failed' });
  });

  it('is only for the questionnaire it was started for', async () => {
    const early = vi.fn(() => Promise.resolve(notPublished()));
    vi.stubGlobal('fetch', early);
    fetchPublicationEarly('a');
    const other = vi.fn(() => Promise.resolve(notPublished()));
    await fetchPublication('b', other);
    expect(other).toHaveBeenCalledWith('/api/benchmarks/b', { cache: 'no-cache' });
  });
});
