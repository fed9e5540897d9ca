import { canonicalJson } from '../../src/contract/index.ts';
import type { Answers } from '../../src/engine/index.ts';
import { webSha256Hex } from '../../src/sync/responseBody.ts';

/** What a response holds, on the device or in the server's ledger. */
export interface ResponseContent {
  readonly questionnaireId: string;
  readonly questionnaireVersion: number;
  readonly status: 'draft' | 'submitted';
  readonly answers: Answers;
}

/**
 * SHA-256 of a response's content as canonical JSON, in the shape of the server's own content hash
 * (`src/server/responseWrites.ts`): the device's copy, the row the server stored and the row's
 * `content_hash` compare as one value. Web Crypto, so the page and Node compute it alike.
 */
export const responseDigest = async (content: ResponseContent): Promise<string> =>
  webSha256Hex(
    canonicalJson({
      q: content.questionnaireId,
      v: content.questionnaireVersion,
      s: content.status,
      a: content.answers,
    }),
  );
