import { sql, type Kysely } from 'kysely';
import { chunks } from './chunks.ts';
import { createCollectorStore, type CollectorStore } from './collectorStore.ts';
import { createErasureStore, type ErasureStore } from './erasureStore.ts';
import { createInvitationStore, type InvitationStore } from './invitationStore.ts';
import { MIGRATION_NAMES } from './migrations.ts';
import { createPublicationStore, type PublicationStore } from './publicationStore.ts';
import {
  readResponse,
  toResponse,
  upsertResponse,
  type ResponseContent,
  type ResponseWrite,
  type SaveOutcome,
  type StoredResponse,
} from './responseRows.ts';
import type { CredentialKind, CredentialsTable, DatabaseSchema, Provenance } from './schema.ts';
import { stampOnce } from './stampOnce.ts';

/**
 * The server's storage (responses and credentials) over Kysely, one code
 * path for SQLite and PostgreSQL; `tests/server/serverStore.contract.test.ts`
 * runs the same suite against both.
 */

export type { ResponseContent, ResponseWrite, SaveOutcome, StoredResponse };

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
  /** The collector that made a respondent credential; null for every other kind. */
  readonly collectorId: string | null;
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

export interface ServerStore
  extends PublicationStore, ErasureStore, CollectorStore, InvitationStore {
  saveResponse(write: ResponseWrite, now: number): Promise<SaveOutcome>;
  getResponse(id: string): Promise<StoredResponse | undefined>;
  reopenResponse(id: string, now: number): Promise<boolean>;
  createCredential(credential: NewCredential, now: number): Promise<void>;
  /** Several credentials in one transaction: all or none. */
  createCredentials(credentials: readonly NewCredential[], now: number): Promise<void>;
  findCredential(tokenHash: string): Promise<Credential | undefined>;
  /** Whether any credential (invitation, open link, respondent) is bound to this response id. */
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
    ...createCollectorStore(db),
    ...createInvitationStore(db),
    getResponse: (id) => readResponse(db, id),
    saveResponse: (write, now) => upsertResponse(db, write, now),

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
      return row && toCredential(row);
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
      await stampOnce(db, 'credentials', 'first_used_at', id, now);
    },

    revokeCredential: (id, now) => stampOnce(db, 'credentials', 'revoked_at', id, now),

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

function toCredential(row: CredentialsTable): Credential {
  return {
    id: row.id,
    kind: row.kind,
    questionnaireId: row.questionnaire_id,
    responseId: row.response_id,
    label: row.label,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    firstUsedAt: row.first_used_at,
    collectorId: row.collector_id,
  };
}
