import type { ResponseBody, Sha256Hex } from '../contract/index.ts';
import { sendableAnswers, type Questionnaire } from '../engine/index.ts';
import type { DraftRecord } from '../storage/index.ts';

/**
 * A draft as it leaves the device, whether in a save (SY1) or in a
 * collector's export file (SY18): whole, with only the answers the server
 * would take (VA10: «12,5» for whole percent stays on the device, at its
 * question) and their change times; a collected response adds the SHA-256 of
 * its respondent's token (SY16), never the token.
 */
export function responseBodyOf(
  spec: Questionnaire,
  draft: DraftRecord,
  respondentKeyHash: string | undefined,
): ResponseBody & { readonly answeredAt: Readonly<Record<string, number>> } {
  const answers = sendableAnswers(spec, draft.answers);
  const answeredAt = Object.fromEntries(
    Object.entries(draft.answeredAt).filter(([id]) => Object.hasOwn(answers, id)),
  );
  return {
    questionnaireId: draft.questionnaireId,
    questionnaireVersion: draft.questionnaireVersion,
    status: draft.status,
    version: draft.revision,
    answers,
    answeredAt,
    ...(respondentKeyHash === undefined ? {} : { respondentKeyHash }),
  };
}

/** SHA-256 of UTF-8 text in lowercase hex through Web Crypto, which browsers and Node 20 both have. */
export const webSha256Hex: Sha256Hex = async (text) => {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
};

/** The UTF-8 size of a body as JSON: what a progress bar counts. */
export const bodyBytes = (body: unknown): number =>
  new TextEncoder().encode(JSON.stringify(body)).byteLength;
