import * as yup from 'yup';
import { parsePublicationDocument, type PublicationDocument } from '../engine/index.ts';
import { count, lazily, open, readMessage } from './fields.ts';

/**
 * `GET /api/benchmarks/<questionnaire>` (PB9): 200 with the latest
 * publication document, or 404 `not_published` with the k a first
 * publication needs. The document is the engine's to check.
 */

/**
 * 404 while nothing is published; k tells the app how many answers a first
 * publication needs (servers before publications had k sent none).
 */
export const notPublishedReply = lazily(() =>
  open({
    error: yup
      .string()
      .strict()
      .oneOf(['not_published'] as const)
      .required(),
    k: count().optional(),
  }),
);

export type NotPublishedReply = yup.InferType<typeof notPublishedReply>;

/**
 * A publication document of this questionnaire, as a fresh object of the
 * checked fields; anything else, including another questionnaire's
 * document, is undefined.
 */
export function readPublication(
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

/** A reply to `GET /api/benchmarks/<id>` by its status and JSON body (undefined when it had none). */
export function readPublicationReply(
  status: number,
  body: unknown,
  questionnaireId: string,
): PublicationReply {
  if (status === 200) {
    const publication = readPublication(body, questionnaireId);
    return publication ? { kind: 'published', publication } : { kind: 'failed' };
  }
  const notPublished = status === 404 ? readMessage(notPublishedReply, body) : undefined;
  if (notPublished) {
    const { k } = notPublished;
    return { kind: 'notPublished', k: k !== undefined && k > 0 ? k : null };
  }
  return { kind: 'failed' };
}
