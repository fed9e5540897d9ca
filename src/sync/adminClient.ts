// The survey owner's calls to `/api/admin/questionnaires/<id>/…` (bearer admin key): reads, publishes, changes settings, downloads exports.
import {
  errorReply,
  notPublishableReply,
  publicationOverviewReply,
  readMessage,
  responseCounts,
  settingsReply,
  type ExportFlavour,
  type ExportFormat,
  type ExportTableName,
  type NotPublishableReason,
  type PublicationOverviewReply,
  type ResponseCounts,
  type SettingsBody,
  type SettingsReply,
} from '../contract/index.ts';
import {
  parsePublicationDocument,
  type IndicatorOutcome,
  type PublicationDocument,
} from '../engine/index.ts';

/**
 * Every reply is checked against the contract (`src/contract/admin.ts`) and
 * copied into the screen's shapes below before it reaches the screen, and
 * every failure becomes an `AdminProblem` instead of a throw.
 */

export type { NotPublishableReason, ResponseCounts };

export interface NextPublication {
  readonly isPublishable: boolean;
  /** Set when the next publication cannot appear yet. */
  readonly reason: NotPublishableReason | null;
  /** Contributors added, removed or changed since the current publication (fewest against any earlier one). */
  readonly changed: number;
  readonly respondents: number;
  readonly k: number;
  readonly outcomes: Readonly<Record<string, IndicatorOutcome>>;
}

export interface QuestionnaireSettings {
  readonly admitOpenLink: boolean;
  readonly closedAt: number | null;
}

export interface ProvenanceCounts {
  readonly invited: number;
  readonly collector: number;
  readonly open: number;
  readonly simulated: number;
  /** Responses that would count in a publication made now. */
  readonly counted: number;
  /** Admitted partial responses not yet settled. */
  readonly waiting: number;
}

export interface PublicationOverview {
  readonly current: PublicationDocument | null;
  readonly next: NextPublication;
  readonly settings: QuestionnaireSettings;
  readonly responses: ProvenanceCounts;
  /** When the server's schedule next tries to publish; null when it is off. */
  readonly nextScheduledAt: number | null;
}

export type AdminProblem =
  /** 401 from our server: the key is wrong. */
  | { readonly kind: 'wrong_key' }
  /** 403 from our server: it has no admin key configured. */
  | { readonly kind: 'admin_off' }
  /** 409 on publishing: the figures may not be published (yet). */
  | {
      readonly kind: 'not_publishable';
      readonly reason: NotPublishableReason;
      readonly changed: number;
      readonly k: number;
    }
  /** Another server process stored a publication at the same moment (503), or a 409 we cannot read. */
  | { readonly kind: 'conflict' }
  /** No connection, a server error or a reply we cannot read. */
  | { readonly kind: 'failed' };

export type AdminResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: AdminProblem };

export type SettingsChange = Readonly<SettingsBody>;

export type AdminClient = ReturnType<typeof createAdminClient>;

/**
 * A client for one admin key. `fetch` can be passed in so the client runs
 * outside a browser too; the page's own is bound at call time.
 */
export function createAdminClient(
  token: string,
  fetchFn: typeof fetch = (input, init) => fetch(input, init),
) {
  const base = (questionnaireId: string) =>
    `/api/admin/questionnaires/${encodeURIComponent(questionnaireId)}`;

  async function call<T>(
    url: string,
    init: { method?: string; body?: unknown },
    read: (json: unknown) => T | undefined,
  ): Promise<AdminResult<T>> {
    let response: Response;
    try {
      response = await fetchFn(url, {
        method: init.method ?? 'GET',
        cache: 'no-store',
        headers: {
          authorization: `Bearer ${token}`,
          ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      });
    } catch {
      return fail({ kind: 'failed' });
    }
    const json: unknown = await response.json().catch(() => undefined);
    if (!response.ok) return fail(problemOf(response.status, json));
    const value = read(json);
    return value === undefined ? fail({ kind: 'failed' }) : { ok: true, value };
  }

  return {
    status: (questionnaireId: string) =>
      call(`${base(questionnaireId)}/status`, {}, readResponseCounts),

    publication: (questionnaireId: string) =>
      call(`${base(questionnaireId)}/publication`, {}, readPublicationOverview),

    publish: (questionnaireId: string) =>
      call(`${base(questionnaireId)}/publications`, { method: 'POST' }, parsePublicationDocument),

    changeSettings: (questionnaireId: string, change: SettingsChange) =>
      call(`${base(questionnaireId)}/settings`, { method: 'PATCH', body: change }, readSettings),

    /**
     * The export file, or the problem; the caller saves it. A reply of another
     * type (a captive portal's page) is a failure, never saved as the file.
     * Without `choice` the server sends the Norwegian-Excel answers table.
     */
    async exportFile(
      questionnaireId: string,
      format: ExportFormat,
      choice: { readonly flavour?: ExportFlavour; readonly table?: ExportTableName } = {},
    ): Promise<AdminResult<Blob>> {
      const query = new URLSearchParams({ ...choice }).toString();
      try {
        const url = `${base(questionnaireId)}/export.${format}${query ? `?${query}` : ''}`;
        const response = await fetchFn(url, { headers: { authorization: `Bearer ${token}` } });
        if (!response.ok) {
          const json: unknown = await response.json().catch(() => undefined);
          return fail(problemOf(response.status, json));
        }
        const type = response.headers.get('content-type') ?? '';
        if (!type.startsWith(EXPORT_TYPES[format])) return fail({ kind: 'failed' });
        return { ok: true, value: await response.blob() };
      } catch {
        return fail({ kind: 'failed' });
      }
    },
  };
}

const fail = (problem: AdminProblem): { ok: false; problem: AdminProblem } => ({
  ok: false,
  problem,
});

const EXPORT_TYPES = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/**
 * 401 and 403 count only with our server's own body: a captive portal's or a
 * proxy's refusal must not sign the owner out or say that admin is off.
 */
function problemOf(status: number, json: unknown): AdminProblem {
  const code = readMessage(errorReply, json)?.error;
  if (status === 401 && code === 'unauthorised') return { kind: 'wrong_key' };
  if (status === 403 && code === 'admin_disabled') return { kind: 'admin_off' };
  if (status === 409) {
    const refusal = readMessage(notPublishableReply, json);
    if (!refusal) return { kind: 'conflict' };
    return {
      kind: 'not_publishable',
      reason: refusal.reason,
      changed: refusal.changed,
      k: refusal.k,
    };
  }
  if (status === 503 && code === 'publishing_elsewhere') return { kind: 'conflict' };
  return { kind: 'failed' };
}

// ---- Readers: a reply checked by the contract, copied into the screen's shape. ----

export function readResponseCounts(json: unknown): ResponseCounts | undefined {
  const counts = readMessage(responseCounts, json);
  return (
    counts && { invited: counts.invited, started: counts.started, completed: counts.completed }
  );
}

export function readSettings(json: unknown): QuestionnaireSettings | undefined {
  const settings = readMessage(settingsReply, json);
  return settings && settingsOf(settings);
}

const settingsOf = (settings: SettingsReply): QuestionnaireSettings => ({
  admitOpenLink: settings.admitOpenLink,
  closedAt: settings.closedAt,
});

function nextOf(next: PublicationOverviewReply['next']): NextPublication {
  return {
    isPublishable: next.isPublishable,
    // A publishable next has no reason, even if the reply carries one.
    reason: next.isPublishable ? null : (next.reason ?? null),
    changed: next.changed,
    respondents: next.respondents,
    k: next.k,
    // fromEntries defines own properties: a `__proto__` key could not replace the prototype.
    outcomes: Object.fromEntries(
      Object.entries(next.outcomes).map(([id, o]) => [id, outcomeOf(o)]),
    ),
  };
}

function outcomeOf(outcome: IndicatorOutcome): IndicatorOutcome {
  switch (outcome.kind) {
    case 'fresh':
      return {
        kind: 'fresh',
        groupsWithheld: outcome.groupsWithheld,
        itemsWithheld: outcome.itemsWithheld,
      };
    case 'kept':
      return { kind: 'kept', from: outcome.from, reason: outcome.reason };
    case 'withheld':
      return { kind: 'withheld', reason: outcome.reason };
  }
}

export function readPublicationOverview(json: unknown): PublicationOverview | undefined {
  const reply = readMessage(publicationOverviewReply, json);
  if (!reply) return undefined;
  const current = reply.current === null ? null : parsePublicationDocument(reply.current);
  if (current === undefined) return undefined;
  const { responses } = reply;
  return {
    current,
    next: nextOf(reply.next),
    settings: settingsOf(reply.settings),
    responses: {
      invited: responses.invited,
      collector: responses.collector,
      open: responses.open,
      simulated: responses.simulated,
      counted: responses.counted,
      waiting: responses.waiting,
    },
    nextScheduledAt: reply.schedule.nextAt,
  };
}
