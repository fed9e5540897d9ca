// Reads the latest publication of a questionnaire's figures: GET /api/benchmarks/<questionnaire>.
import { readPublicationReply, type PublicationReply } from '../contract/index.ts';

export type { PublicationReply };

/**
 * Revalidated with the server every time (`no-cache`: a 304 while nothing new
 * was published); any reply that is not a publication of this questionnaire
 * or our "not published yet" is a failure, never thrown.
 */
export async function fetchPublication(
  questionnaireId: string,
  fetchFn: typeof fetch = (input, init) => fetch(input, init),
): Promise<PublicationReply> {
  try {
    const response = await fetchFn(`/api/benchmarks/${encodeURIComponent(questionnaireId)}`, {
      cache: 'no-cache',
    });
    const body: unknown = await response.json().catch(() => undefined);
    return readPublicationReply(response.status, body, questionnaireId);
  } catch {
    return { kind: 'failed' };
  }
}
