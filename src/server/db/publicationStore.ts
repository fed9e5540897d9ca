import type { Kysely } from 'kysely';
import { chunks } from './chunks.ts';
import type { DatabaseSchema, Provenance } from './schema.ts';

/**
 * Stores publications (the published figures, in the database so every
 * server process serves the same one), who contributed to each, and the
 * owner's settings per questionnaire. Same code on SQLite and PostgreSQL.
 */

export interface QuestionnaireSettings {
  readonly admitOpenLink: boolean;
  readonly admitSimulated: boolean;
  readonly closedAt: number | null;
}

export interface SettingsChange {
  readonly admitOpenLink?: boolean;
  readonly admitSimulated?: boolean;
  readonly closedAt?: number | null;
}

/** What a publication is computed from, per stored response. */
export interface PublicationSource {
  readonly id: string;
  readonly provenance: Provenance;
  readonly status: 'draft' | 'submitted';
  readonly updatedAt: number;
  /** The engine's RespondentSummary as stored (JSON). */
  readonly summary: string;
}

export interface StoredPublication {
  readonly number: number;
  readonly publishedAt: number;
  /** The PublicationDocument as JSON, exactly as served. */
  readonly document: string;
}

export interface MemberRow {
  readonly responseId: string;
  readonly summary: string;
  readonly summaryKey: string;
  readonly fromNumber: number;
  readonly toNumber: number | null;
}

export interface NewMember {
  readonly summary: string;
  readonly summaryKey: string;
}

export interface PublicationStore {
  settings(questionnaireId: string): Promise<QuestionnaireSettings>;
  changeSettings(
    questionnaireId: string,
    change: SettingsChange,
    now: number,
  ): Promise<QuestionnaireSettings>;
  publicationSources(questionnaireId: string): Promise<PublicationSource[]>;
  latestPublication(questionnaireId: string): Promise<StoredPublication | undefined>;
  publications(questionnaireId: string): Promise<StoredPublication[]>;
  members(questionnaireId: string): Promise<MemberRow[]>;
  /** Removes every publication of a questionnaire (only `seed:demo --remove`, for simulated figures). */
  deletePublications(questionnaireId: string): Promise<void>;
  /**
   * Writes publication `number` with its members, in one transaction. False
   * when that number exists already (another process published first);
   * nothing is written then.
   */
  insertPublication(
    questionnaireId: string,
    publication: StoredPublication,
    members: ReadonlyMap<string, NewMember>,
  ): Promise<boolean>;
}

const DEFAULT_SETTINGS: QuestionnaireSettings = {
  admitOpenLink: false,
  admitSimulated: false,
  closedAt: null,
};

export function createPublicationStore(db: Kysely<DatabaseSchema>): PublicationStore {
  const settings = async (questionnaireId: string): Promise<QuestionnaireSettings> => {
    const row = await db
      .selectFrom('questionnaire_settings')
      .selectAll()
      .where('questionnaire_id', '=', questionnaireId)
      .executeTakeFirst();
    if (!row) return DEFAULT_SETTINGS;
    return {
      admitOpenLink: row.admit_open_link === 1,
      admitSimulated: row.admit_simulated === 1,
      closedAt: row.closed_at,
    };
  };

  const toPublication = (row: {
    number: number;
    published_at: number;
    document: string;
  }): StoredPublication => ({
    number: row.number,
    publishedAt: row.published_at,
    document: row.document,
  });

  return {
    settings,

    async changeSettings(questionnaireId, change, now) {
      const next = { ...(await settings(questionnaireId)), ...change };
      const values = {
        admit_open_link: next.admitOpenLink ? 1 : 0,
        admit_simulated: next.admitSimulated ? 1 : 0,
        closed_at: next.closedAt,
        updated_at: now,
      };
      await db
        .insertInto('questionnaire_settings')
        .values({ questionnaire_id: questionnaireId, ...values })
        .onConflict((oc) => oc.column('questionnaire_id').doUpdateSet(values))
        .execute();
      return next;
    },

    async publicationSources(questionnaireId) {
      const rows = await db
        .selectFrom('responses')
        .select(['id', 'provenance', 'status', 'updated_at', 'summary'])
        .where('questionnaire_id', '=', questionnaireId)
        .where('summary', 'is not', null)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        provenance: r.provenance,
        status: r.status,
        updatedAt: r.updated_at,
        summary: r.summary ?? '',
      }));
    },

    async latestPublication(questionnaireId) {
      const row = await db
        .selectFrom('publications')
        .select(['number', 'published_at', 'document'])
        .where('questionnaire_id', '=', questionnaireId)
        .orderBy('number', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row && toPublication(row);
    },

    async publications(questionnaireId) {
      const rows = await db
        .selectFrom('publications')
        .select(['number', 'published_at', 'document'])
        .where('questionnaire_id', '=', questionnaireId)
        .orderBy('number')
        .execute();
      return rows.map(toPublication);
    },

    async members(questionnaireId) {
      const rows = await db
        .selectFrom('publication_members')
        .select(['response_id', 'summary', 'summary_key', 'from_number', 'to_number'])
        .where('questionnaire_id', '=', questionnaireId)
        .execute();
      return rows.map((r) => ({
        responseId: r.response_id,
        summary: r.summary,
        summaryKey: r.summary_key,
        fromNumber: r.from_number,
        toNumber: r.to_number,
      }));
    },

    async deletePublications(questionnaireId) {
      await db.transaction().execute(async (trx) => {
        await trx
          .deleteFrom('publication_members')
          .where('questionnaire_id', '=', questionnaireId)
          .execute();
        await trx
          .deleteFrom('publications')
          .where('questionnaire_id', '=', questionnaireId)
          .execute();
      });
    },

    insertPublication(questionnaireId, publication, members) {
      return db.transaction().execute(async (trx) => {
        const inserted = await trx
          .insertInto('publications')
          .values({
            questionnaire_id: questionnaireId,
            number: publication.number,
            published_at: publication.publishedAt,
            document: publication.document,
          })
          .onConflict((oc) => oc.columns(['questionnaire_id', 'number']).doNothing())
          .returning('number')
          .executeTakeFirst();
        if (!inserted) return false;

        // Rows still open are members of the previous publication: close those that left or changed.
        const open = await trx
          .selectFrom('publication_members')
          .select(['response_id', 'summary_key'])
          .where('questionnaire_id', '=', questionnaireId)
          .where('to_number', 'is', null)
          .execute();
        const stays = new Set<string>();
        const leaves: string[] = [];
        for (const row of open) {
          if (members.get(row.response_id)?.summaryKey === row.summary_key)
            stays.add(row.response_id);
          else leaves.push(row.response_id);
        }
        for (const ids of chunks(leaves)) {
          await trx
            .updateTable('publication_members')
            .set({ to_number: publication.number - 1 })
            .where('questionnaire_id', '=', questionnaireId)
            .where('to_number', 'is', null)
            .where('response_id', 'in', ids)
            .execute();
        }
        const joins = [...members].filter(([id]) => !stays.has(id));
        for (const batch of chunks(joins)) {
          await trx
            .insertInto('publication_members')
            .values(
              batch.map(([id, member]) => ({
                questionnaire_id: questionnaireId,
                response_id: id,
                summary: member.summary,
                summary_key: member.summaryKey,
                from_number: publication.number,
                to_number: null,
              })),
            )
            .execute();
        }
        return true;
      });
    },
  };
}
