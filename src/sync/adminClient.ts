// The survey owner's calls to `/api/admin/…` (bearer admin key): reads, publishes, changes settings, downloads exports, makes and revokes invitation links, imports export files.
import {
  errorReply,
  importRefusal,
  importReply,
  invitationListReply,
  invitationsReply,
  issuedInvitation,
  notPublishableReply,
  publicationOverviewReply,
  readMessage,
  resendRefusal,
  responseCounts,
  settingsReply,
  type ExportFlavour,
  type ExportFormat,
  type ExportTableName,
  type ImportRefusalCode,
  type InvitationState,
  type NotPublishableReason,
  type PublicationOverviewReply,
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

export type { ImportRefusalCode, InvitationState, NotPublishableReason };

export interface StartedAndCompleted {
  readonly started: number;
  readonly completed: number;
}

/** Responses apart by where they came from; the invitation rate is over invitations only. */
export interface ResponseCounts {
  readonly invitations: StartedAndCompleted & { readonly issued: number; readonly revoked: number };
  readonly open: StartedAndCompleted;
  readonly collector: StartedAndCompleted;
  /** `seed:demo`'s test data: never counted as real responses. */
  readonly simulated: StartedAndCompleted;
}

export interface InvitationListing {
  readonly id: string;
  readonly label: string | null;
  readonly createdAt: number;
  readonly expiresAt: number | null;
  readonly state: InvitationState;
}

/** A link as issued, with its token: shown once and never listed again. */
export interface IssuedLink {
  readonly id: string;
  readonly label: string | null;
  readonly link: string;
}

export interface NewInvitations {
  /** One link per label, or `count` links without labels. */
  readonly labels?: readonly string[];
  readonly count?: number;
  readonly expiresInDays?: number;
}

/** What an imported export file did (SY19): responses per outcome, and why each refused one was. */
export interface ImportSummary {
  readonly created: number;
  readonly updated: number;
  readonly replay: number;
  readonly stale: number;
  readonly refused: number;
  readonly reasons: readonly string[];
}

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
  /** 404 from our server: the invitation (or questionnaire) is not there. */
  | { readonly kind: 'not_found' }
  /** 409 to a re-send: a revoked or expired invitation gets no new link. */
  | { readonly kind: 'invitation_closed'; readonly reason: 'revoked' | 'expired' }
  /** 400 to an import: the file was refused whole, nothing written (SY19). */
  | { readonly kind: 'import_refused'; readonly code: ImportRefusalCode }
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
    /** `isFindable`: a 404 of ours means the thing asked for is not there, rather than a failure. */
    init: { method?: string; body?: unknown; text?: string; isFindable?: boolean },
    read: (json: unknown) => T | undefined,
  ): Promise<AdminResult<T>> {
    let response: Response;
    // `text` is sent as it is (an export file), `body` as JSON.
    const sent = init.text ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
    try {
      response = await fetchFn(url, {
        method: init.method ?? 'GET',
        cache: 'no-store',
        headers: {
          authorization: `Bearer ${token}`,
          ...(sent === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(sent === undefined ? {} : { body: sent }),
      });
    } catch {
      return fail({ kind: 'failed' });
    }
    const json: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const isGone = init.isFindable && response.status === 404;
      const code = readMessage(errorReply, json)?.error;
      return fail(
        isGone && code === 'not_found' ? { kind: 'not_found' } : problemOf(response.status, json),
      );
    }
    // A 204 has no body: the reader gets null.
    const value = read(response.status === 204 ? null : json);
    return value === undefined ? fail({ kind: 'failed' }) : { ok: true, value };
  }

  return {
    status: (questionnaireId: string) =>
      call(`${base(questionnaireId)}/status`, {}, readResponseCounts),

    invitations: (questionnaireId: string) =>
      call(`${base(questionnaireId)}/invitations`, {}, readInvitationList),

    createInvitations: (questionnaireId: string, request: NewInvitations) =>
      call(
        '/api/admin/invitations',
        { method: 'POST', body: { questionnaireId, ...request } },
        readIssuedLinks,
      ),

    revokeInvitation: (id: string) =>
      call(
        `/api/admin/invitations/${encodeURIComponent(id)}`,
        { method: 'DELETE', isFindable: true },
        () => true,
      ),

    resendInvitation: (id: string) =>
      call(
        `/api/admin/invitations/${encodeURIComponent(id)}/resend`,
        { method: 'POST', isFindable: true },
        readIssuedLink,
      ),

    /** A collector's export file as the owner picked it, sent byte for byte (SY19). */
    importFile: (text: string) =>
      call('/api/admin/imports', { method: 'POST', text }, readImportSummary),

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
  if (status === 400) {
    const refused = readMessage(importRefusal, json);
    if (refused) return { kind: 'import_refused', code: refused.error };
  }
  if (status === 409) {
    const closed = readMessage(resendRefusal, json);
    if (closed) return { kind: 'invitation_closed', reason: closed.error };
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
  if (!counts) return undefined;
  const pair = (c: StartedAndCompleted) => ({ started: c.started, completed: c.completed });
  const { invitations } = counts;
  return {
    invitations: { ...pair(invitations), issued: invitations.issued, revoked: invitations.revoked },
    open: pair(counts.open),
    collector: pair(counts.collector),
    simulated: pair(counts.simulated),
  };
}

export function readInvitationList(json: unknown): readonly InvitationListing[] | undefined {
  return readMessage(invitationListReply, json)?.invitations.map((i) => ({
    id: i.id,
    label: i.label,
    createdAt: i.createdAt,
    expiresAt: i.expiresAt,
    state: i.state,
  }));
}

const linkOf = (issued: IssuedLink): IssuedLink => ({
  id: issued.id,
  label: issued.label,
  link: issued.link,
});

export function readIssuedLink(json: unknown): IssuedLink | undefined {
  const issued = readMessage(issuedInvitation, json);
  return issued && linkOf(issued);
}

export function readIssuedLinks(json: unknown): readonly IssuedLink[] | undefined {
  return readMessage(invitationsReply, json)?.invitations.map(linkOf);
}

export function readImportSummary(json: unknown): ImportSummary | undefined {
  const reply = readMessage(importReply, json);
  if (!reply) return undefined;
  const { counts } = reply;
  const reasons = reply.results.flatMap((r) =>
    r.outcome === 'refused' && r.reason !== undefined ? [r.reason] : [],
  );
  return {
    created: counts.created,
    updated: counts.updated,
    replay: counts.replay,
    stale: counts.stale,
    refused: counts.refused,
    reasons: [...new Set(reasons)],
  };
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
