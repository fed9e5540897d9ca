import type { PublicationDocument } from '../../engine/index.ts';
import { readPublication } from '../../contract/index.ts';

/**
 * The one gate for the publication saved on the device (`barometer.benchmarks`),
 * the same check the server's reply passes (`readPublicationReply` in the
 * contract): anything that is not a whole, well-formed document of this
 * questionnaire is treated as absent. The cache may still hold the
 * live-average document of earlier versions, which fails here by design.
 * Returns a fresh object built from the checked fields only.
 */
export function parsePublication(
  value: unknown,
  questionnaireId: string,
): PublicationDocument | undefined {
  return readPublication(value, questionnaireId);
}
