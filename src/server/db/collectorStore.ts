import { sql, type Kysely } from 'kysely';
import {
  readResponse,
  upsertResponse,
  type ResponseContent,
  type SaveOutcome,
} from './responseRows.ts';
import type { CollectorsTable, DatabaseSchema } from './schema.ts';
import { stampOnce } from './stampOnce.ts';

/**
 * Collector links (field collection, SYNC.md SY14–SY19) and the saves made
 * through them: a collector's first save of a response creates it together
 * with the respondent's credential in one transaction, and every later save
 * must come from the same collector. Both databases, one code path.
 */
export interface Collector {
  readonly id: string;
  readonly label: string;
  readonly questionnaireIds: readonly string[];
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly revokedAt: number | null;
  readonly firstUsedAt: number | null;
}

export interface CollectorWithCounts extends Collector {
  /** Responses given through this collector, and how many of them are submitted. */
  readonly responses: number;
  readonly submitted: number;
}

export interface NewCollector {
  readonly id: string;
  readonly tokenHash: string;
  readonly label: string;
  readonly questionnaireIds: readonly string[];
  readonly expiresAt: number;
}

/** A save through a collector: the response, and the respondent credential to make if it is new. */
export interface CollectorWrite {
  readonly response: ResponseContent;
  readonly collectorId: string;
  /** Used only when the save creates the response. */
  readonly newCredential: { readonly id: string; readonly tokenHash: string };
}

export type CollectorSaveOutcome =
  | (SaveOutcome & { readonly isNew: boolean })
  /** Erased at a respondent's request (never brought back), given through another credential, or a key already in use. */
  | { readonly kind: 'erased' | 'not_yours' | 'key_in_use' };

export interface CollectorStore {
  createCollector(collector: NewCollector, now: number): Promise<void>;
  findCollector(tokenHash: string): Promise<Collector | undefined>;
  getCollector(id: string): Promise<Collector | undefined>;
  listCollectors(): Promise<CollectorWithCounts[]>;
  /** True when the collector exists (revoked now or before). */
  revokeCollector(id: string, now: number): Promise<boolean>;
  markCollectorUsed(id: string, now: number): Promise<void>;
  saveCollectorResponse(write: CollectorWrite, now: number): Promise<CollectorSaveOutcome>;
  /** Whether the response exists and was given through this collector. */
  isCollectedBy(responseId: string, collectorId: string): Promise<boolean>;
}

export function createCollectorStore(db: Kysely<DatabaseSchema>): CollectorStore {
  const selectCollector = () => db.selectFrom('collectors').selectAll();
  const getCollector = async (id: string) => {
    const row = await selectCollector().where('id', '=', id).executeTakeFirst();
    return row && toCollector(row);
  };

  return {
    async createCollector(collector, now) {
      await db
        .insertInto('collectors')
        .values({
          id: collector.id,
          token_hash: collector.tokenHash,
          label: collector.label,
          questionnaire_ids: JSON.stringify(collector.questionnaireIds),
          created_at: now,
          expires_at: collector.expiresAt,
          revoked_at: null,
          first_used_at: null,
        })
        .execute();
    },

    async findCollector(tokenHash) {
      const row = await selectCollector().where('token_hash', '=', tokenHash).executeTakeFirst();
      return row && toCollector(row);
    },

    getCollector,

    async listCollectors() {
      const rows = await db
        .selectFrom('collectors')
        .leftJoin('credentials', 'credentials.collector_id', 'collectors.id')
        .leftJoin('responses', 'responses.id', 'credentials.response_id')
        .selectAll('collectors')
        .select((eb) => [
          eb.fn.count<number | string>('responses.id').as('responses'),
          eb.fn
            .count<number | string>(
              eb.case().when('responses.status', '=', 'submitted').then(sql.lit(1)).end(),
            )
            .as('submitted'),
        ])
        // Grouped by the primary key: PostgreSQL then allows the collector's other columns.
        .groupBy('collectors.id')
        .orderBy('collectors.created_at')
        .orderBy('collectors.label')
        .orderBy('collectors.id')
        .execute();
      return rows.map((row) => ({
        ...toCollector(row),
        responses: Number(row.responses),
        submitted: Number(row.submitted),
      }));
    },

    async revokeCollector(id, now) {
      // Revoking twice keeps the first time, and is no error.
      return (
        (await stampOnce(db, 'collectors', 'revoked_at', id, now)) ||
        (await getCollector(id)) !== undefined
      );
    },

    async markCollectorUsed(id, now) {
      await stampOnce(db, 'collectors', 'first_used_at', id, now);
    },

    saveCollectorResponse({ response, collectorId, newCredential }, now) {
      return db.transaction().execute(async (trx): Promise<CollectorSaveOutcome> => {
        const erased = await trx
          .selectFrom('erasures')
          .select('response_id')
          .where('response_id', '=', response.id)
          .executeTakeFirst();
        if (erased) return { kind: 'erased' };
        const ownerOf = () =>
          trx
            .selectFrom('credentials')
            .select(['id', 'kind', 'collector_id'])
            .where('response_id', '=', response.id)
            .executeTakeFirst();
        let owner = await ownerOf();
        let isNew = false;
        if (!owner) {
          // A response stored without any credential (simulated data) belongs to nobody's collector.
          if (await readResponse(trx, response.id)) return { kind: 'not_yours' };
          const isKeyOfCollector = await trx
            .selectFrom('collectors')
            .select('id')
            .where('token_hash', '=', newCredential.tokenHash)
            .executeTakeFirst();
          if (isKeyOfCollector) return { kind: 'key_in_use' };
          // Two saves of a new response racing: one inserts, the other finds its row below.
          const inserted = await trx
            .insertInto('credentials')
            .values({
              id: newCredential.id,
              token_hash: newCredential.tokenHash,
              kind: 'respondent',
              questionnaire_id: response.questionnaireId,
              response_id: response.id,
              label: null,
              created_at: now,
              expires_at: null,
              revoked_at: null,
              first_used_at: null,
              collector_id: collectorId,
            })
            .onConflict((oc) => oc.doNothing())
            .returning('id')
            .executeTakeFirst();
          isNew = inserted !== undefined;
          owner = await ownerOf();
          // Nothing bound to the response, yet the insert conflicted: the key hash is taken.
          if (!owner) return { kind: 'key_in_use' };
        }
        if (owner.kind !== 'respondent' || owner.collector_id !== collectorId)
          return { kind: 'not_yours' };
        const outcome = await upsertResponse(
          trx,
          { ...response, credentialId: owner.id, provenance: 'collector' },
          now,
        );
        return { ...outcome, isNew };
      });
    },

    async isCollectedBy(responseId, collectorId) {
      const row = await db
        .selectFrom('credentials')
        .innerJoin('responses', 'responses.id', 'credentials.response_id')
        .select('credentials.id')
        .where('credentials.response_id', '=', responseId)
        .where('credentials.kind', '=', 'respondent')
        .where('credentials.collector_id', '=', collectorId)
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}

function toCollector(row: CollectorsTable): Collector {
  return {
    id: row.id,
    label: row.label,
    questionnaireIds: JSON.parse(row.questionnaire_ids) as string[],
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    firstUsedAt: row.first_used_at,
  };
}
