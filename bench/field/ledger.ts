import type { Kysely } from 'kysely';
import type { Answers } from '../../src/engine/index.ts';
import type { DatabaseSchema } from '../../src/server/db/schema.ts';
import type { ServerStore } from '../../src/server/db/serverStore.ts';
import { sha256Hex } from '../../src/server/tokens.ts';
import { responseDigest } from './digest.ts';
import type { DeviceResponse } from './page/fieldApi.ts';

/**
 * `npm run bench:field`'s verdict: the server's ledger, read straight from its database, against
 * what the device held before it synced and what it holds after. Each check lists every
 * discrepancy; the bench fails when any check has one.
 */
export interface Check {
  readonly name: string;
  /** How many items the check looked at. */
  readonly checked: number;
  readonly problems: readonly string[];
}

export interface LedgerInput {
  readonly db: Kysely<DatabaseSchema>;
  readonly store: ServerStore;
  readonly collectorId: string;
  /** The device once every response was queued: what the server must end up holding. */
  readonly before: readonly DeviceResponse[];
  /** The device after the last press. */
  readonly after: readonly DeviceResponse[];
  /** Responses queued. */
  readonly expected: number;
}

type Row = Awaited<ReturnType<typeof readRows>>[number];

const readRows = (db: Kysely<DatabaseSchema>) =>
  db
    .selectFrom('responses')
    .select([
      'id',
      'questionnaire_id',
      'questionnaire_version',
      'status',
      'version',
      'answers',
      'content_hash',
      'provenance',
      'updated_at',
      'submitted_at',
    ])
    .execute();

const countBy = (ids: readonly string[]) => {
  const counts = new Map<string, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
};

export async function checkLedger(input: LedgerInput): Promise<Check[]> {
  const { before, after } = input;
  const rows = await readRows(input.db);
  const credentials = await input.db
    .selectFrom('credentials')
    .select(['response_id', 'kind', 'collector_id', 'token_hash'])
    .execute();
  const rowOf = new Map(rows.map((r) => [r.id, r]));
  const afterOf = new Map(after.map((d) => [d.responseId, d]));
  const beforeIds = before.map((d) => d.responseId);
  const submitted = before.filter((d) => d.draft?.status === 'submitted');
  const digestOf = (row: Row) =>
    responseDigest({
      questionnaireId: row.questionnaire_id,
      questionnaireVersion: row.questionnaire_version,
      status: row.status,
      answers: JSON.parse(row.answers) as Answers,
    });

  const checks: Check[] = [];
  const check = (name: string, checked: number, problems: string[]) =>
    checks.push({ name, checked, problems });

  {
    const problems: string[] = [];
    if (before.length !== input.expected)
      problems.push(`the device queued ${before.length} of ${input.expected}`);
    for (const [id, n] of countBy(beforeIds)) if (n > 1) problems.push(`${id} ${n}× on the device`);
    for (const [id, n] of countBy(rows.map((r) => r.id)))
      if (n > 1) problems.push(`${id} ${n}× in the ledger`);
    for (const id of beforeIds) if (!rowOf.has(id)) problems.push(`${id} missing from the ledger`);
    const queued = new Set(beforeIds);
    for (const row of rows) if (!queued.has(row.id)) problems.push(`${row.id} not from the device`);
    check('every queued response in the ledger exactly once', rows.length, problems);
  }

  {
    const problems: string[] = [];
    for (const device of before) {
      const row = rowOf.get(device.responseId);
      const held = device.draft;
      if (!row) continue;
      if (!held) {
        problems.push(`${device.responseId}: no draft on the device before syncing`);
        continue;
      }
      const is = (what: string, got: unknown, want: unknown) => {
        if (got !== want)
          problems.push(`${row.id}: ${what} ${String(got)}, device ${String(want)}`);
      };
      is('provenance', row.provenance, 'collector');
      is('revision', row.version, held.revision);
      is('status', row.status, held.status);
      is('answers digest', await digestOf(row), held.digest);
      is('content_hash', row.content_hash, held.digest);
      if (row.status === 'submitted' && row.submitted_at === null)
        problems.push(`${row.id}: submitted without submitted_at`);
    }
    check(
      'provenance collector, revision, status and answers as the device had them',
      before.length,
      problems,
    );
  }

  {
    const problems: string[] = [];
    const byResponse = new Map<string, typeof credentials>();
    for (const c of credentials)
      byResponse.set(c.response_id, [...(byResponse.get(c.response_id) ?? []), c]);
    for (const device of before) {
      const held = byResponse.get(device.responseId) ?? [];
      const respondent = held.filter((c) => c.kind === 'respondent');
      if (held.length !== 1 || respondent.length !== 1) {
        problems.push(
          `${device.responseId}: ${held.length} credential(s), ${respondent.length} respondent`,
        );
        continue;
      }
      const [credential] = respondent;
      if (credential?.collector_id !== input.collectorId)
        problems.push(
          `${device.responseId}: credential of collector ${String(credential?.collector_id)}`,
        );
      if (credential?.token_hash !== sha256Hex(device.respondentToken))
        problems.push(`${device.responseId}: the slip's key is not the device's (SY17)`);
    }
    check(
      'one respondent credential each, from the collector, with the slip’s key',
      credentials.length,
      problems,
    );
  }

  {
    const listed = (await input.store.listCollectors()).find((c) => c.id === input.collectorId);
    const problems: string[] = [];
    if (listed?.responses !== before.length || listed.submitted !== submitted.length)
      problems.push(
        `listed ${String(listed?.responses)} responses, ${String(listed?.submitted)} submitted; the device queued ${before.length}, ${submitted.length} submitted`,
      );
    check('the owner’s collector list counts them', 1, problems);
  }

  {
    const problems: string[] = [];
    for (const device of before) {
      const now = afterOf.get(device.responseId);
      const id = device.responseId;
      if (!now) {
        problems.push(`${id}: no longer on the roster`);
        continue;
      }
      if (!now.isAcknowledged) problems.push(`${id}: not acknowledged (${now.delivery})`);
      if (device.draft?.status === 'submitted') {
        if (!now.removed) problems.push(`${id}: submitted and acknowledged, not removed`);
        if (now.draft || now.hasOutboxRow || now.hasCredential)
          problems.push(`${id}: removed, yet its draft, outbox row or credential is still there`);
      } else {
        if (now.removed) problems.push(`${id}: a draft was removed`);
        if (
          now.draft?.revision !== device.draft?.revision ||
          now.draft?.digest !== device.draft?.digest
        )
          problems.push(`${id}: the draft changed while syncing`);
      }
    }
    check(
      'on the device: submissions acknowledged and removed, drafts acknowledged and kept',
      before.length,
      problems,
    );
  }

  {
    const removed = after.filter((d) => d.removed);
    const beforeOf = new Map(before.map((d) => [d.responseId, d]));
    const problems: string[] = [];
    for (const device of removed) {
      const id = device.responseId;
      const row = rowOf.get(id);
      const held = beforeOf.get(id)?.draft;
      const at = device.removed!;
      if (!row || !held) {
        problems.push(`${id}: removed, but ${row ? 'never queued' : 'not in the ledger'}`);
        continue;
      }
      if (row.status !== 'submitted' || row.version !== held.revision)
        problems.push(
          `${id}: removed at revision ${held.revision}, the ledger has ${row.status} ${row.version}`,
        );
      if ((await digestOf(row)) !== held.digest)
        problems.push(`${id}: removed, the ledger's answers differ`);
      // The write landed, then its acknowledgement came, then the copy went: one clock, this machine's.
      if (!(row.updated_at <= at.acknowledgedAt && at.acknowledgedAt <= at.at))
        problems.push(
          `${id}: stored ${row.updated_at}, acknowledged ${at.acknowledgedAt}, removed ${at.at}: out of order`,
        );
    }
    check(
      'no copy removed before the ledger held it and the device had its acknowledgement',
      removed.length,
      problems,
    );
  }
  return checks;
}
