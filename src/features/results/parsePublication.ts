import { parsePublicationDocument, type PublicationDocument } from '../../engine/index.ts';

/**
 * The one gate for publication documents, from the server and from the
 * device's cache alike: anything that is not a whole, well-formed document
 * of this questionnaire is treated as absent. The cache may still hold the
 * live-average document of earlier versions, which fails here by design.
 * Returns a fresh object built from the checked fields only.
 */
export function parsePublication(
  value: unknown,
  questionnaireId: string,
): PublicationDocument | undefined {
  const document = parsePublicationDocument(value);
  return document?.questionnaireId === questionnaireId ? document : undefined;
}

/** What the server said about a questionnaire's publication. */
export type PublicationReply =
  | { readonly kind: 'published'; readonly publication: PublicationDocument }
  | { readonly kind: 'notPublished'; readonly k: number | null }
  | { readonly kind: 'failed' };

/** `GET /api/benchmarks/<id>`: 200 with the document, or 404 `not_published` (with k when the server sends it). */
export function parsePublicationReply(
  status: number,
  body: unknown,
  questionnaireId: string,
): PublicationReply {
  if (status === 200) {
    const publication = parsePublication(body, questionnaireId);
    return publication ? { kind: 'published', publication } : { kind: 'failed' };
  }
  if (status === 404 && isObject(body) && body.error === 'not_published') {
    return { kind: 'notPublished', k: isCount(body.k) && body.k > 0 ? body.k : null };
  }
  return { kind: 'failed' };
}

type Fields = Readonly<Record<string, unknown>>;

const isObject = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isCount = (value: unknown): value is number =>
  Number.isSafeInteger(value) && Number(value) >= 0;
