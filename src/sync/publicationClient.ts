// Reads the latest publication of a questionnaire's figures: GET /api/benchmarks/<questionnaire>.
import { readPublicationReply, type PublicationReply } from '../contract/index.ts';
import { publicationRequest, takeEarly } from './earlyRequests.ts';

export type { PublicationReply };

/**
 * Revalidated with the server every time (`no-cache`: a 304 while nothing new
 * was published); any reply that is not a publication of this questionnaire
 * or our "not published yet" is a failure, never thrown. A request the first
 * screen started early (`fetchPublicationEarly`) is taken instead of a new one.
 */
export async function fetchPublication(
  questionnaireId: string,
  fetchFn: typeof fetch = (input, init) => fetch(input, init),
): Promise<PublicationReply> {
  try {
    const [url, init] = publicationRequest(questionnaireId);
    const response = await (takeEarly(url) ?? fetchFn(url, init));
    const body: unknown = await response.json().catch(() => undefined);
    return readPublicationReply(response.status, body, questionnaireId);
  } catch {
    return { kind: 'failed' };
  }
}
