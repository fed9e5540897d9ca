import {
  parsePublicationDocument,
  type IndicatorOutcome,
  type PublicationDocument,
} from '../../engine/index.ts';

/**
 * The survey owner's HTTP API (`/api/admin/*`, bearer token): reads counts
 * and publications, publishes, changes a questionnaire's settings, downloads
 * exports. Every reply passes a parser here before it reaches the screen,
 * and every failure becomes an `AdminProblem` instead of a throw.
 */

export interface ResponseCounts {
  readonly invited: number;
  readonly started: number;
  readonly completed: number;
}

export type NotPublishableReason = 'below_k' | 'too_few_changes' | 'nothing_new';

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

export interface SettingsChange {
  readonly admitOpenLink?: boolean;
  readonly isClosed?: boolean;
}

export type AdminClient = ReturnType<typeof createAdminClient>;

/** A client for one admin key; `fetch` is passed in so the client runs outside a browser too. */
export function createAdminClient(token: string, fetchFn: typeof fetch) {
  const base = (questionnaireId: string) =>
    `/api/admin/questionnaires/${encodeURIComponent(questionnaireId)}`;

  async function call<T>(
    url: string,
    init: { method?: string; body?: unknown },
    parse: (json: unknown) => T | undefined,
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
    const value = parse(json);
    return value === undefined ? fail({ kind: 'failed' }) : { ok: true, value };
  }

  return {
    status: (questionnaireId: string) =>
      call(`${base(questionnaireId)}/status`, {}, parseResponseCounts),

    publication: (questionnaireId: string) =>
      call(`${base(questionnaireId)}/publication`, {}, parsePublicationOverview),

    publish: (questionnaireId: string) =>
      call(`${base(questionnaireId)}/publications`, { method: 'POST' }, parsePublicationDocument),

    changeSettings: (questionnaireId: string, change: SettingsChange) =>
      call(`${base(questionnaireId)}/settings`, { method: 'PATCH', body: change }, parseSettings),

    /**
     * The export file, or the problem; the caller saves it. A reply of another
     * type (a captive portal's page) is a failure, never saved as the file.
     */
    async exportFile(questionnaireId: string, format: 'csv' | 'xlsx'): Promise<AdminResult<Blob>> {
      try {
        const response = await fetchFn(`${base(questionnaireId)}/export.${format}`, {
          headers: { authorization: `Bearer ${token}` },
        });
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
  const body = asRecord(json);
  if (status === 401 && body?.error === 'unauthorised') return { kind: 'wrong_key' };
  if (status === 403 && body?.error === 'admin_disabled') return { kind: 'admin_off' };
  if (status === 409) {
    const reason = notPublishableReason(body?.reason);
    const changed = count(body?.changed);
    const k = count(body?.k);
    if (body?.error === 'not_publishable' && reason && changed !== undefined && k !== undefined)
      return { kind: 'not_publishable', reason, changed, k };
    return { kind: 'conflict' };
  }
  if (status === 503 && body?.error === 'publishing_elsewhere') return { kind: 'conflict' };
  return { kind: 'failed' };
}

// ---- Parsers: unknown JSON in, a typed value or undefined out. ----

type Json = Readonly<Record<string, unknown>>;

function asRecord(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Json)
    : undefined;
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

function time(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function notPublishableReason(value: unknown): NotPublishableReason | undefined {
  return value === 'below_k' || value === 'too_few_changes' || value === 'nothing_new'
    ? value
    : undefined;
}

/** Every value of a JSON object through `parse`, or undefined if one fails. */
function recordOf<T>(
  value: unknown,
  parse: (v: unknown) => T | undefined,
): Record<string, T> | undefined {
  const record = asRecord(value);
  if (!record) return undefined;
  const entries: [string, T][] = [];
  for (const [key, item] of Object.entries(record)) {
    const parsed = parse(item);
    if (parsed === undefined) return undefined;
    entries.push([key, parsed]);
  }
  // fromEntries defines own properties: a `__proto__` key from JSON stays a plain key
  // (assigning it would replace the record's prototype and drop the entry).
  return Object.fromEntries(entries);
}

export function parseResponseCounts(json: unknown): ResponseCounts | undefined {
  const r = asRecord(json);
  const invited = count(r?.invited);
  const started = count(r?.started);
  const completed = count(r?.completed);
  if (invited === undefined || started === undefined || completed === undefined) return undefined;
  return { invited, started, completed };
}

export function parseSettings(json: unknown): QuestionnaireSettings | undefined {
  const r = asRecord(json);
  if (typeof r?.admitOpenLink !== 'boolean') return undefined;
  const closedAt = r.closedAt === null ? null : time(r.closedAt);
  if (closedAt === undefined) return undefined;
  return { admitOpenLink: r.admitOpenLink, closedAt };
}

function parseOutcome(json: unknown): IndicatorOutcome | undefined {
  const r = asRecord(json);
  switch (r?.kind) {
    case 'fresh': {
      const groupsWithheld = count(r.groupsWithheld);
      if (groupsWithheld === undefined || typeof r.itemsWithheld !== 'boolean') return undefined;
      return { kind: 'fresh', groupsWithheld, itemsWithheld: r.itemsWithheld };
    }
    case 'kept': {
      const from = count(r.from);
      const reason = r.reason;
      if (from === undefined || (reason !== 'too_few_changes' && reason !== 'unchanged'))
        return undefined;
      return { kind: 'kept', from, reason };
    }
    case 'withheld': {
      const reason = r.reason;
      if (reason !== 'below_k' && reason !== 'too_few_changes') return undefined;
      return { kind: 'withheld', reason };
    }
    default:
      return undefined;
  }
}

function parseNext(json: unknown): NextPublication | undefined {
  const r = asRecord(json);
  const changed = count(r?.changed);
  const respondents = count(r?.respondents);
  const k = count(r?.k);
  const outcomes = recordOf(r?.outcomes, parseOutcome);
  if (
    typeof r?.isPublishable !== 'boolean' ||
    changed === undefined ||
    respondents === undefined ||
    k === undefined ||
    !outcomes
  )
    return undefined;
  const reason = r.isPublishable ? null : notPublishableReason(r.reason);
  if (reason === undefined) return undefined;
  return { isPublishable: r.isPublishable, reason, changed, respondents, k, outcomes };
}

function parseProvenanceCounts(json: unknown): ProvenanceCounts | undefined {
  const r = asRecord(json);
  const values = {
    invited: count(r?.invited),
    collector: count(r?.collector),
    open: count(r?.open),
    simulated: count(r?.simulated),
    counted: count(r?.counted),
    waiting: count(r?.waiting),
  };
  const { invited, collector, open, simulated, counted, waiting } = values;
  if (
    invited === undefined ||
    collector === undefined ||
    open === undefined ||
    simulated === undefined ||
    counted === undefined ||
    waiting === undefined
  )
    return undefined;
  return { invited, collector, open, simulated, counted, waiting };
}

export function parsePublicationOverview(json: unknown): PublicationOverview | undefined {
  const r = asRecord(json);
  if (!r) return undefined;
  const current = r.current === null ? null : parsePublicationDocument(r.current);
  const next = parseNext(r.next);
  const settings = parseSettings(r.settings);
  const responses = parseProvenanceCounts(r.responses);
  const schedule = asRecord(r.schedule);
  const nextScheduledAt = schedule?.nextAt === null ? null : time(schedule?.nextAt);
  if (current === undefined || !next || !settings || !responses || nextScheduledAt === undefined)
    return undefined;
  return { current, next, settings, responses, nextScheduledAt };
}
