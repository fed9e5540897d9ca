import { sql, type Kysely } from 'kysely';
import type { Answers, RespondentSummary } from '../../engine/index.ts';
import type { DatabaseSchema, Provenance, ResponsesTable } from './schema.ts';

/**
 * Writes and reads response rows: the one guarded upsert every save goes
 * through (SY1–SY5), whether a device's own token sent it, a collector's
 * device, or an imported export file. Each takes the database or a
 * transaction, so a collector's save can run it beside its credential.
 */

export interface StoredResponse {
  readonly id: string;
  readonly questionnaireId: string;
  readonly questionnaireVersion: number;
  readonly status: 'draft' | 'submitted';
  readonly version: number;
  readonly answers: Answers;
  readonly answeredAt: Readonly<Record<string, number>>;
  readonly contentHash: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly submittedAt: number | null;
}

/** The response as the client sent it, plus the summary the server derives. */
export type ResponseContent = Omit<StoredResponse, 'createdAt' | 'updatedAt' | 'submittedAt'> & {
  readonly summary: RespondentSummary;
};

/** What a save writes. */
export type ResponseWrite = ResponseContent & {
  readonly credentialId: string;
  /** Kept from the first save; a later save never changes who gave the response. */
  readonly provenance: Provenance;
};

/** SY1–SY5 in `src/server/SYNC.md`. */
export type SaveOutcome = {
  readonly kind: 'stored' | 'replay' | 'stale' | 'conflict' | 'submitted' | 'other_questionnaire';
  readonly response: StoredResponse;
};

export async function readResponse(
  db: Kysely<DatabaseSchema>,
  id: string,
): Promise<StoredResponse | undefined> {
  const row = await db.selectFrom('responses').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toResponse(row);
}

export async function upsertResponse(
  db: Kysely<DatabaseSchema>,
  write: ResponseWrite,
  now: number,
): Promise<SaveOutcome> {
  const values = {
    id: write.id,
    questionnaire_id: write.questionnaireId,
    questionnaire_version: write.questionnaireVersion,
    status: write.status,
    version: write.version,
    answers: JSON.stringify(write.answers),
    answered_at: JSON.stringify(write.answeredAt),
    content_hash: write.contentHash,
    credential_id: write.credentialId,
    created_at: now,
    updated_at: now,
    submitted_at: write.status === 'submitted' ? now : null,
    summary: JSON.stringify(write.summary),
    provenance: write.provenance,
  };
  // SY1: one guarded statement; a newer version of an open draft wins, anything else changes nothing.
  const applied = await db
    .insertInto('responses')
    .values(values)
    .onConflict((oc) =>
      oc
        .column('id')
        .doUpdateSet({
          questionnaire_version: (eb) => eb.ref('excluded.questionnaire_version'),
          status: (eb) => eb.ref('excluded.status'),
          version: (eb) => eb.ref('excluded.version'),
          answers: (eb) => eb.ref('excluded.answers'),
          answered_at: (eb) => eb.ref('excluded.answered_at'),
          content_hash: (eb) => eb.ref('excluded.content_hash'),
          updated_at: (eb) => eb.ref('excluded.updated_at'),
          submitted_at: (eb) => eb.ref('excluded.submitted_at'),
          summary: (eb) => eb.ref('excluded.summary'),
        })
        .where('responses.version', '<', sql<number>`excluded.version`)
        .where('responses.status', '=', 'draft')
        .where('responses.questionnaire_id', '=', sql<string>`excluded.questionnaire_id`),
    )
    .returningAll()
    .executeTakeFirst();
  if (applied) return { kind: 'stored', response: toResponse(applied) };
  const current = await readResponse(db, write.id);
  if (!current) throw new Error(`response ${write.id} neither stored nor found`);
  return { kind: classify(current, write), response: current };
}

function classify(current: StoredResponse, write: ResponseWrite): SaveOutcome['kind'] {
  if (current.questionnaireId !== write.questionnaireId) return 'other_questionnaire';
  if (current.version === write.version && current.contentHash === write.contentHash)
    return 'replay';
  if (current.version > write.version) return 'stale';
  if (current.status === 'submitted') return 'submitted';
  return 'conflict';
}

export function toResponse(row: ResponsesTable): StoredResponse {
  return {
    id: row.id,
    questionnaireId: row.questionnaire_id,
    questionnaireVersion: row.questionnaire_version,
    status: row.status,
    version: row.version,
    answers: JSON.parse(row.answers) as Answers,
    answeredAt: JSON.parse(row.answered_at) as Record<string, number>,
    contentHash: row.content_hash,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    submittedAt: row.submitted_at,
  };
}
