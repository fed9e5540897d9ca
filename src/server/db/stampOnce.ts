import type { Kysely } from 'kysely';
import type { DatabaseSchema } from './schema.ts';

/**
 * Sets a credential's or collector link's time (`revoked_at`, `first_used_at`)
 * unless it is set already: the first revocation or use is the one kept.
 * True when this call set it.
 */
export async function stampOnce(
  db: Kysely<DatabaseSchema>,
  table: 'credentials' | 'collectors',
  column: 'revoked_at' | 'first_used_at',
  id: string,
  now: number,
): Promise<boolean> {
  const result = await db
    .updateTable(table)
    .set(column, now)
    .where('id', '=', id)
    .where(column, 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
