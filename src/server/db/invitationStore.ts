import type { ExpressionBuilder, Kysely } from 'kysely';
import type { DatabaseSchema, ResponsesTable } from './schema.ts';

/**
 * The survey owner's view of invitations (issue 16.5): the list with what
 * each link has led to, a new token for an invitation (re-send), and the
 * response counts apart by provenance. Reads and writes the `credentials`
 * and `responses` tables on both databases, one code path. The invitations
 * `seed:demo` made for its simulated responses are not invitations anyone
 * sent, so they are left out everywhere here.
 */

/** An invitation as listed: no token and no token hash ever leave this module. */
export interface InvitationRow {
  readonly id: string;
  readonly label: string | null;
  readonly createdAt: number;
  readonly expiresAt: number | null;
  readonly revokedAt: number | null;
  readonly firstUsedAt: number | null;
  /** The status of its response; null while the link has led to no saved response. */
  readonly responseStatus: ResponsesTable['status'] | null;
}

export interface StartedAndCompleted {
  readonly started: number;
  readonly completed: number;
}

export interface ProvenanceCounts {
  /** Invitations not revoked, and the responses started and submitted through them. */
  readonly invitations: StartedAndCompleted & { readonly issued: number; readonly revoked: number };
  readonly open: StartedAndCompleted;
  readonly collector: StartedAndCompleted;
  readonly simulated: StartedAndCompleted;
}

export interface InvitationStore {
  /** Oldest first (those made together by label), at most `limit`; `total` counts every one. */
  listInvitations(
    questionnaireId: string,
    limit: number,
  ): Promise<{ readonly rows: InvitationRow[]; readonly total: number }>;
  getInvitation(id: string): Promise<InvitationRow | undefined>;
  /**
   * Gives a not-revoked invitation the hash of a new token, so its old link
   * stops opening anything at once, and marks the new link not yet opened.
   * False when there is no such invitation or it was revoked meanwhile.
   */
  replaceInvitationToken(id: string, tokenHash: string): Promise<boolean>;
  provenanceCounts(questionnaireId: string): Promise<ProvenanceCounts>;
}

type Joined = ExpressionBuilder<
  DatabaseSchema & { c: DatabaseSchema['credentials'] } & {
    r: DatabaseSchema['responses'];
  },
  'c' | 'r'
>;

/** Not one of `seed:demo`'s: its response, if any, is not simulated. */
const isReal = (eb: Joined) =>
  eb.or([eb('r.provenance', 'is', null), eb('r.provenance', '<>', 'simulated')]);

export function createInvitationStore(db: Kysely<DatabaseSchema>): InvitationStore {
  const invitations = () =>
    db
      .selectFrom('credentials as c')
      .leftJoin('responses as r', 'r.id', 'c.response_id')
      .where('c.kind', '=', 'invitation')
      .where(isReal);

  const rowsOf = () =>
    invitations().select([
      'c.id',
      'c.label',
      'c.created_at',
      'c.expires_at',
      'c.revoked_at',
      'c.first_used_at',
      'r.status',
    ]);

  const toRow = (row: {
    id: string;
    label: string | null;
    created_at: number;
    expires_at: number | null;
    revoked_at: number | null;
    first_used_at: number | null;
    status: ResponsesTable['status'] | null;
  }): InvitationRow => ({
    id: row.id,
    label: row.label,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    firstUsedAt: row.first_used_at,
    responseStatus: row.status,
  });

  const startedAndCompleted = (rows: { status: string | null; n: number | string }[]) => ({
    started: rows.reduce((sum, r) => sum + (r.status === null ? 0 : Number(r.n)), 0),
    completed: Number(rows.find((r) => r.status === 'submitted')?.n ?? 0),
  });

  return {
    async listInvitations(questionnaireId, limit) {
      const rows = await rowsOf()
        .where('c.questionnaire_id', '=', questionnaireId)
        .orderBy('c.created_at')
        // Links made together are listed by label, so a list reads the same after every reload.
        .orderBy('c.label')
        .orderBy('c.id')
        .limit(limit)
        .execute();
      const total = await invitations()
        .where('c.questionnaire_id', '=', questionnaireId)
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .executeTakeFirstOrThrow();
      return { rows: rows.map(toRow), total: Number(total.n) };
    },

    async getInvitation(id) {
      const row = await rowsOf().where('c.id', '=', id).executeTakeFirst();
      return row && toRow(row);
    },

    async replaceInvitationToken(id, tokenHash) {
      const result = await db
        .updateTable('credentials')
        .set({ token_hash: tokenHash, first_used_at: null })
        .where('id', '=', id)
        .where('kind', '=', 'invitation')
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async provenanceCounts(questionnaireId) {
      const live = await invitations()
        .where('c.questionnaire_id', '=', questionnaireId)
        .where('c.revoked_at', 'is', null)
        .select(['r.status', (eb) => eb.fn.countAll<number | string>().as('n')])
        .groupBy('r.status')
        .execute();
      const revoked = await invitations()
        .where('c.questionnaire_id', '=', questionnaireId)
        .where('c.revoked_at', 'is not', null)
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .executeTakeFirstOrThrow();
      const byProvenance = await db
        .selectFrom('responses')
        .select(['provenance', 'status', (eb) => eb.fn.countAll<number | string>().as('n')])
        .where('questionnaire_id', '=', questionnaireId)
        .groupBy(['provenance', 'status'])
        .execute();
      const of = (provenance: string) =>
        startedAndCompleted(byProvenance.filter((r) => r.provenance === provenance));
      return {
        invitations: {
          issued: live.reduce((sum, r) => sum + Number(r.n), 0),
          revoked: Number(revoked.n),
          ...startedAndCompleted(live),
        },
        open: of('open'),
        collector: of('collector'),
        simulated: of('simulated'),
      };
    },
  };
}
