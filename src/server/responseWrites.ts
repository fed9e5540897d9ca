import { randomUUID } from 'node:crypto';
import { checkSubmission, summarizeRespondent, type SubmissionIssue } from '../engine/index.ts';
import type { ResponseBody } from '../contract/index.ts';
import type { FieldReason } from './api/payloads.ts';
import type { TokenAccess } from './credentialCache.ts';
import type { Provenance } from './db/schema.ts';
import type { Credential, SaveOutcome, ServerStore } from './db/serverStore.ts';
import type { QuestionnaireRegistry } from './questionnaireRegistry.ts';
import { contentHash, hashToken, newToken } from './tokens.ts';

/**
 * One path for every response write (SYNC.md SY1–SY5, SY10, SY16): a device
 * saving with its own token, a collector's device saving, and each response
 * of an imported export file (SY19). The body has passed the contract's
 * schema; here the questionnaire version is pinned, the answers checked by
 * the engine (VA9), the summary derived, and the row written by the store's
 * one guarded upsert.
 */
export type WriteResult =
  | {
      readonly kind: 'invalid';
      readonly error: 'invalid_body' | 'invalid_answers';
      readonly fields: readonly FieldReason[];
    }
  /** Out of the collector's scope, given through another credential, or erased (SY16): a 404 to a device. */
  | { readonly kind: 'refused'; readonly reason: 'out_of_scope' | 'not_yours' | 'erased' }
  | {
      readonly kind: 'saved';
      readonly outcome: SaveOutcome;
      /**
       * Whether a collector's save created the response (with its respondent
       * credential). False for other writes: their response id was bound
       * when their credential was made.
       */
      readonly isNew: boolean;
    };

export interface WriteDeps {
  readonly store: ServerStore;
  readonly registry: QuestionnaireRegistry;
}

const PROVENANCE: Readonly<Record<Credential['kind'], Provenance>> = {
  invitation: 'invited',
  open: 'open',
  respondent: 'collector',
};

const invalidBody = (path: string, reason: string): WriteResult => ({
  kind: 'invalid',
  error: 'invalid_body',
  fields: [{ path, reason }],
});

export async function writeResponse(
  { store, registry }: WriteDeps,
  /** A credential for this response, or a collector: checked usable (a device), or the owner's import. */
  access: TokenAccess,
  id: string,
  body: ResponseBody,
  now: number,
): Promise<WriteResult> {
  if (access.kind === 'credential' && body.questionnaireId !== access.credential.questionnaireId)
    return invalidBody('/questionnaireId', 'not the questionnaire of this response');
  if (
    access.kind === 'collector' &&
    !access.collector.questionnaireIds.includes(body.questionnaireId)
  )
    return { kind: 'refused', reason: 'out_of_scope' };
  const spec = registry.get(body.questionnaireId, body.questionnaireVersion);
  if (!spec) return invalidBody('/questionnaireVersion', 'unknown questionnaire version');
  const checked = checkSubmission(spec, body.answers, body.status);
  if (!checked.ok)
    return { kind: 'invalid', error: 'invalid_answers', fields: checked.errors.map(answerField) };

  const answers = checked.value;
  const response = {
    id,
    questionnaireId: body.questionnaireId,
    questionnaireVersion: body.questionnaireVersion,
    status: body.status,
    version: body.version,
    answers,
    answeredAt: Object.fromEntries(
      Object.entries(body.answeredAt).filter(([question]) => Object.hasOwn(answers, question)),
    ) as Record<string, number>,
    contentHash: contentHash({
      q: body.questionnaireId,
      v: body.questionnaireVersion,
      s: body.status,
      a: answers,
    }),
    summary: summarizeRespondent(spec, answers),
  };
  if (access.kind === 'credential') {
    const { credential } = access;
    const outcome = await store.saveResponse(
      { ...response, credentialId: credential.id, provenance: PROVENANCE[credential.kind] },
      now,
    );
    return { kind: 'saved', outcome, isNew: false };
  }
  const saved = await store.saveCollectorResponse(
    {
      response,
      collectorId: access.collector.id,
      // Without a key from the device, the respondent credential gets a token nobody knows.
      newCredential: {
        id: randomUUID(),
        tokenHash: body.respondentKeyHash ?? hashToken(newToken()),
      },
    },
    now,
  );
  switch (saved.kind) {
    case 'erased':
    case 'not_yours':
      return { kind: 'refused', reason: saved.kind };
    case 'key_in_use':
      return invalidBody('/respondentKeyHash', 'is already in use');
    default:
      return { kind: 'saved', outcome: saved, isNew: saved.isNew };
  }
}

function answerField(issue: SubmissionIssue) {
  const path = ['', 'answers', issue.question, ...(issue.row === undefined ? [] : [issue.row])]
    .map(escapePointer)
    .join('/');
  return {
    path,
    reason: issue.code,
    ...('option' in issue ? { option: issue.option } : {}),
    ...('params' in issue ? { params: issue.params } : {}),
  };
}

/** JSON Pointer escaping (RFC 6901). */
function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
