import SQLite from 'better-sqlite3';
import { existsSync } from 'node:fs';
import pg from 'pg';
import type { DatabaseConfig } from './database.ts';
import type { ServerStore } from './serverStore.ts';

/**
 * Erasures survive a restore: before an older backup replaces the database,
 * the ids in the current database's erasure log are read (without opening
 * it as the server would, which could migrate or create it); afterwards
 * each is erased again from the restored data.
 */
export type ErasedIds =
  | { readonly ok: true; readonly ids: readonly string[] }
  | { readonly ok: false; readonly problem: string };

export async function readErasedIds(config: DatabaseConfig): Promise<ErasedIds> {
  try {
    if (config.kind === 'sqlite') {
      if (!existsSync(config.file)) return { ok: true, ids: [] };
      const db = new SQLite(config.file, { readonly: true, fileMustExist: true });
      try {
        const table = db
          .prepare("select name from sqlite_master where type = 'table' and name = 'erasures'")
          .get();
        if (!table) return { ok: true, ids: [] };
        const rows = db.prepare('select response_id from erasures').all() as {
          response_id: string;
        }[];
        return { ok: true, ids: rows.map((r) => r.response_id) };
      } finally {
        db.close();
      }
    }
    const client = new pg.Client({ connectionString: config.url });
    await client.connect();
    try {
      const found = await client.query<{ table: string | null }>(
        "select to_regclass('erasures')::text as table",
      );
      if (!found.rows[0]?.table) return { ok: true, ids: [] };
      const rows = await client.query<{ response_id: string }>('select response_id from erasures');
      return { ok: true, ids: rows.rows.map((r) => r.response_id) };
    } finally {
      await client.end();
    }
  } catch (error) {
    return { ok: false, problem: error instanceof Error ? error.message : String(error) };
  }
}

/** Erases again what was erased before the restore; returns how many were back. */
export async function eraseAgain(
  store: ServerStore,
  ids: readonly string[],
  now: number,
): Promise<number> {
  let wereBack = 0;
  for (const id of ids) if (await store.eraseResponse(id, now)) wereBack += 1;
  return wereBack;
}
