/**
 * Requests a screen's first render needs, started while the app is still being evaluated, for the
 * client that reads the replies later (and whose code, with the contract's schemas, is not loaded
 * yet): the results screen's publication, asked for as soon as the draft names its questionnaire,
 * instead of after the screen's code, the database and the draft have loaded one after the
 * other. Nothing here checks a reply; `publicationClient.ts` does, as for any other. Each reply
 * is taken once; a later request asks the network again.
 */
const early = new Map<string, Promise<Response>>();

/** `GET /api/benchmarks/<questionnaire>`, revalidated every time (a 304 while nothing new was published). */
export const publicationRequest = (questionnaireId: string) =>
  [`/api/benchmarks/${encodeURIComponent(questionnaireId)}`, { cache: 'no-cache' }] as const;

/** Asks for a questionnaire's publication now, for `takeEarly`. */
export function fetchPublicationEarly(questionnaireId: string): void {
  const [url, init] = publicationRequest(questionnaireId);
  if (early.has(url)) return;
  const reply = fetch(url, init);
  // Whoever takes it sees the failure; until then it is not an unhandled rejection.
  reply.catch(() => undefined);
  early.set(url, reply);
}

/** The reply of a request started early, once; undefined when none was. */
export function takeEarly(url: string): Promise<Response> | undefined {
  const reply = early.get(url);
  early.delete(url);
  return reply;
}
