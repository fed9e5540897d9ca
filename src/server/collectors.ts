import { randomUUID } from 'node:crypto';
import { COLLECTOR_DEFAULT_DAYS, collectorBody, type CollectorBody } from '../contract/index.ts';
import { fieldReasons, type FieldReason } from './api/payloads.ts';
import type { ServerStore } from './db/serverStore.ts';
import type { QuestionnaireRegistry } from './questionnaireRegistry.ts';
import { hashToken, newToken } from './tokens.ts';

/**
 * Collector links (SYNC.md SY14): one random token (256 bits) per collector,
 * stored only as its SHA-256 and shown once, in the link `/c/<token>`. Made
 * by the owner's API and by `npm run collector`.
 */
export interface IssuedCollector {
  readonly id: string;
  readonly label: string;
  readonly questionnaireIds: readonly string[];
  readonly expiresAt: number;
  readonly link: string;
}

/**
 * The owner's request for a collector link (the API's body, the tool's
 * arguments), checked against the contract and the questionnaires of this
 * server; otherwise each problem with its JSON Pointer path.
 */
export function readCollectorRequest(
  registry: QuestionnaireRegistry,
  request: unknown,
):
  | { readonly ok: true; readonly value: CollectorBody }
  | { readonly ok: false; readonly fields: FieldReason[] } {
  let body: CollectorBody;
  try {
    body = collectorBody.validateSync(request, { abortEarly: false, strict: true });
  } catch (error) {
    return { ok: false, fields: fieldReasons(error) };
  }
  const unknown = body.questionnaireIds.flatMap((id, i) =>
    registry.latest(id)
      ? []
      : [{ path: `/questionnaireIds/${i}`, reason: `unknown questionnaire "${id}"` }],
  );
  return unknown.length > 0 ? { ok: false, fields: unknown } : { ok: true, value: body };
}

export async function issueCollector(
  store: ServerStore,
  request: {
    readonly label: string;
    readonly questionnaireIds: readonly string[];
    /** Whole days from now; `COLLECTOR_DEFAULT_DAYS` when not given. */
    readonly expiresInDays?: number | undefined;
    readonly publicUrl: string;
  },
  now: number,
): Promise<IssuedCollector> {
  const token = newToken();
  const collector = {
    id: randomUUID(),
    label: request.label,
    questionnaireIds: request.questionnaireIds,
    expiresAt: now + (request.expiresInDays ?? COLLECTOR_DEFAULT_DAYS) * 86_400_000,
  };
  await store.createCollector({ ...collector, tokenHash: hashToken(token) }, now);
  return { ...collector, link: `${request.publicUrl.replace(/\/$/, '')}/c/${token}` };
}
