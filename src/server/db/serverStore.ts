import { sql, type Kysely } from 'kysely';
import type { Answers, RespondentSummary } from '../../engine/index.ts';
import { chunks } from './chunks.ts';
import { createErasureStore, type ErasureStore } from './erasureStore.ts';
import { MIGRATION_NAMES } from './migrations.ts';
import { createPublicationStore, type PublicationStore } from './publicationStore.ts';
import type { CredentialKind, DatabaseSchema, Provenance, ResponsesTable } from './schema.ts';

/**
 * The server's storage (responses and credentials) over Kysely, one code
 * path for SQLite and PostgreSQL; `tests/server/serverStore.contract.test.ts`
 * runs the same suite against both.
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

/** What a save writes: the response as the client sent it, plus what the server derives. */
export type ResponseWrite = Omit<StoredResponse, 'createdAt' | 'updatedAt' | 'submittedAt'> & {
  readonly credentialId: string;
  readonly summary: RespondentSummary;
  /** Kept from the first save; a later save never changes who gave the response. */
  readonly provenance: Provenance;
};

/** SY1–SY5 in `src/server/SYNC.md`. */
export type SaveOutcome = {
  readonly kind: 'stored' | 'replay' | 'stale' | 'conflict' | 'submitted' | 'other_questionnaire';
  readonly response: StoredResponse;
};

export interface Credential {
  readonly id: string;
  readonly kind: CredentialKind;
  readonly questionnaireId: string;
  readonly responseId: string;
  readonly label: string | null;
  readonly createdAt: number;
  readonly expiresAt: number | null;
  readonly revokedAt: number | null;
  readonly firstUsedAt: number | null;
}

export interface NewCredential {
  readonly id: string;
  readonly tokenHash: string;
  readonly kind: CredentialKind;
  readonly questionnaireId: string;
  readonly responseId: string;
  readonly label: string | null;
  readonly expiresAt: number | null;
}

export interface QuestionnaireCounts {
  readonly invited: number;
  readonly started: number;
  readonly completed: number;
}

export interface ServerStore extends PublicationStore, ErasureStore {
  saveResponse(write: ResponseWrite, now: number): Promise<SaveOutcome>;
  getResponse(id: string): Promise<StoredResponse | undefined>;
  reopenResponse(id: string, now: number): Promise<boolean>;
  createCredential(credential: NewCredential, now: number): Promise<void>;
  /** Several credentials in one transaction: all or none. */
  createCredentials(credentials: readonly NewCredential[], now: number): Promise<void>;
  findCredential(tokenHash: string): Promise<Credential | undefined>;
  /** Whether any credential (invitation or open link) is bound to this response id. */
  hasCredentialFor(responseId: string): Promise<boolean>;
  markCredentialUsed(id: string, now: number): Promise<void>;
  revokeCredential(id: string, now: number): Promise<boolean>;
  counts(questionnaireId: string): Promise<QuestionnaireCounts>;
  /** Every response of a questionnaire, for the survey owner's export. */
  responses(questionnaireId: string): Promise<(StoredResponse & { provenance: Provenance })[]>;
  deleteDemo(): Promise<number>;
  /** Undefined when the database answers and is at the latest migration; else why not. */
  readiness(): Promise<'migrations_behind' | undefined>;
  close(): Promise<void>;
}

export function createServerStore(db: Kysely<DatabaseSchema>): ServerStore {
  const getResponse = async (id: string) => {
    const row = await db
      .selectFrom('responses')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toResponse(row);
  };

  // A batch is stored whole or not at all: never half an invitation list.
  const createCredentials = (credentials: readonly NewCredential[], now: number) =>
    db.transaction().execute(async (trx) => {
      for (const batch of chunks(credentials)) {
        await trx
          .insertInto('credentials')
          .values(
            batch.map((credential) => ({
              id: credential.id,
              token_hash: credential.tokenHash,
              kind: credential.kind,
              questionnaire_id: credential.questionnaireId,
              response_id: credential.responseId,
              label: credential.label,
              created_at: now,
              expires_at: credential.expiresAt,
              revoked_at: null,
              first_used_at: null,
            })),
          )
          .execute();
      }
    });

  return {
    ...createPublicationStore(db),
    ...createErasureStore(db),
    getResponse,

    async saveResponse(write, now) {
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
      const current = await getResponse(write.id);
      if (!current) throw new Error(`response ${write.id} neither stored nor found`);
      return { kind: classify(current, write), response: current };
    },

    async reopenResponse(id, now) {
      const result = await db
        .updateTable('responses')
        .set({ status: 'draft', submitted_at: null, updated_at: now })
        .where('id', '=', id)
        .where('status', '=', 'submitted')
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    createCredential: (credential, now) => createCredentials([credential], now),
    createCredentials,

    async findCredential(tokenHash) {
      const row = await db
        .selectFrom('credentials')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      return (
        row && {
          id: row.id,
          kind: row.kind,
          questionnaireId: row.questionnaire_id,
          responseId: row.response_id,
          label: row.label,
          createdAt: row.created_at,
          expiresAt: row.expires_at,
          revokedAt: row.revoked_at,
          firstUsedAt: row.first_used_at,
        }
      );
    },

    async hasCredentialFor(responseId) {
      const row = await db
        .selectFrom('credentials')
        .select('id')
        .where('response_id', '=', responseId)
        .executeTakeFirst();
      return row !== undefined;
    },

    async markCredentialUsed(id, now) {
      await db
        .updateTable('credentials')
        .set({ first_used_at: now })
        .where('id', '=', id)
        .where('first_used_at', 'is', null)
        .execute();
    },

    async revokeCredential(id, now) {
      const result = await db
        .updateTable('credentials')
        .set({ revoked_at: now })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async counts(questionnaireId) {
      const invited = await db
        .selectFrom('credentials')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('questionnaire_id', '=', questionnaireId)
        .where('kind', '=', 'invitation')
        .executeTakeFirstOrThrow();
      const byStatus = await db
        .selectFrom('responses')
        .select(['status', (eb) => eb.fn.countAll<number | string>().as('n')])
        .where('questionnaire_id', '=', questionnaireId)
        .groupBy('status')
        .execute();
      const completed = Number(byStatus.find((r) => r.status === 'submitted')?.n ?? 0);
      const started = byStatus.reduce((sum, r) => sum + Number(r.n), 0);
      return { invited: Number(invited.n), started, completed };
    },

    async responses(questionnaireId) {
      const rows = await db
        .selectFrom('responses')
        .selectAll()
        .where('questionnaire_id', '=', questionnaireId)
        .orderBy('created_at')
        .execute();
      return rows.map((r) => ({ ...toResponse(r), provenance: r.provenance }));
    },

    async deleteDemo() {
      const result = await db
        .deleteFrom('responses')
        .where('provenance', '=', 'simulated')
        .executeTakeFirst();
      await db.deleteFrom('credentials').where('label', '=', DEMO_LABEL).execute();
      return Number(result.numDeletedRows);
    },

    async readiness() {
      const applied = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
      const names = new Set(applied.rows.map((r) => r.name));
      return MIGRATION_NAMES.every((name) => names.has(name)) ? undefined : 'migrations_behind';
    },

    close: () => db.destroy(),
  };
}

/** Label of the credentials made for simulated responses. */
export const DEMO_LABEL = 'demo (simulert)';

function classify(current: StoredResponse, write: ResponseWrite): SaveOutcome['kind'] {
  if (current.questionnaireId !== write.questionnaireId) return 'other_questionnaire';
  if (current.version === write.version && current.contentHash === write.contentHash)
    return 'replay';
  if (current.version > write.version) return 'stale';
  if (current.status === 'submitted') return 'submitted';
  return 'conflict';
}

function toResponse(row: ResponsesTable): StoredResponse {
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
