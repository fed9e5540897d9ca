import type { Kysely } from 'kysely';
import type { DatabaseSchema } from './schema.ts';

/**
 * Erasure at a respondent's request (GDPR art. 17): the response and its
 * credentials are deleted in one transaction and the id is written to the
 * `erasures` table, so that a restore of an older backup can erase it again.
 */
export interface ErasureStore {
  /** True when there was a response or credential to erase; the id is logged either way. */
  eraseResponse(responseId: string, now: number): Promise<boolean>;
  erasedIds(): Promise<string[]>;
}

export function createErasureStore(db: Kysely<DatabaseSchema>): ErasureStore {
  return {
    eraseResponse(responseId, now) {
      return db.transaction().execute(async (trx) => {
        const responses = await trx
          .deleteFrom('responses')
          .where('id', '=', responseId)
          .executeTakeFirst();
        const credentials = await trx
          .deleteFrom('credentials')
          .where('response_id', '=', responseId)
          .executeTakeFirst();
        await trx
          .insertInto('erasures')
          .values({ response_id: responseId, erased_at: now })
          .onConflict((oc) => oc.column('response_id').doNothing())
          .execute();
        return responses.numDeletedRows + credentials.numDeletedRows > 0n;
      });
    },

    async erasedIds() {
      const rows = await db.selectFrom('erasures').select('response_id').execute();
      return rows.map((r) => r.response_id);
    },
  };
}
