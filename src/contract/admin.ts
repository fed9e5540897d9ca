import * as yup from 'yup';
import {
  parsePublicationDocument,
  type IndicatorOutcome,
  type PublicationDocument,
} from '../engine/index.ts';
import { count, isMessage, lazily, nullableTime, open, recordOf, time } from './fields.ts';
import { UUID } from './ids.ts';

/**
 * The survey owner's API (`/api/admin/questionnaires/<id>/…`, bearer admin
 * key) as the admin screen reads it: response counts, the publication
 * overview, publishing, and the round's settings. A published document is
 * the engine's to check (`parsePublicationDocument`), here as everywhere.
 */

const startedAndCompleted = () => open({ started: count(), completed: count() });

/**
 * `GET …/status`: responses apart by provenance. `invitations` counts real
 * invitation links (not the simulated ones of `seed:demo`) and the responses
 * started and submitted through them, so its rate is over invitations only;
 * open-link, collector and simulated responses are each counted on their own.
 * The first three fields mix them as before 16.5 and are kept for apps cached
 * from then; the current screen does not read them.
 */
export const responseCounts = lazily(() =>
  open({
    invited: count(),
    started: count(),
    completed: count(),
    invitations: open({
      /** Invitations not revoked: the rate's denominator. */
      issued: count(),
      revoked: count(),
      started: count(),
      completed: count(),
    }),
    open: startedAndCompleted(),
    collector: startedAndCompleted(),
    simulated: startedAndCompleted(),
  }),
);

export type ResponseCounts = yup.InferType<typeof responseCounts>;

/** `PATCH …/settings`: only what changes. */
export const settingsBody = lazily(() =>
  yup
    .object({ admitOpenLink: yup.boolean().optional(), isClosed: yup.boolean().optional() })
    .noUnknown()
    .strict()
    .required(),
);

export type SettingsBody = yup.InferType<typeof settingsBody>;

/** The round's settings as stored; `closedAt` null while the round is open. */
export const settingsReply = lazily(() =>
  open({
    admitOpenLink: yup.boolean().strict().required(),
    closedAt: nullableTime('must be a time or null'),
  }),
);

export type SettingsReply = yup.InferType<typeof settingsReply>;

export const NOT_PUBLISHABLE_REASONS = ['below_k', 'too_few_changes', 'nothing_new'] as const;

export type NotPublishableReason = (typeof NOT_PUBLISHABLE_REASONS)[number];

const notPublishableReason = () => yup.string().strict().oneOf(NOT_PUBLISHABLE_REASONS);

/** The three kinds of `IndicatorOutcome` (engine publication.ts), each with the reasons it may have. */
const OUTCOMES = [
  open({
    kind: yup
      .string()
      .strict()
      .oneOf(['fresh'] as const)
      .required(),
    groupsWithheld: count(),
    itemsWithheld: yup.boolean().strict().required(),
  }),
  open({
    kind: yup
      .string()
      .strict()
      .oneOf(['kept'] as const)
      .required(),
    from: count(),
    reason: yup
      .string()
      .strict()
      .oneOf(['too_few_changes', 'unchanged'] as const)
      .required(),
  }),
  open({
    kind: yup
      .string()
      .strict()
      .oneOf(['withheld'] as const)
      .required(),
    reason: yup
      .string()
      .strict()
      .oneOf(['below_k', 'too_few_changes'] as const)
      .required(),
  }),
];

export const isIndicatorOutcome = (value: unknown): value is IndicatorOutcome =>
  OUTCOMES.some((schema) => isMessage(schema, value));

const isPublication = (value: unknown): value is PublicationDocument =>
  parsePublicationDocument(value) !== undefined;

/** `GET …/publication`: what is published now, what publishing now would show, the settings and counts. */
export const publicationOverviewReply = lazily(() =>
  open({
    current: yup
      .mixed<PublicationDocument>()
      .nullable()
      .defined()
      .test('publication', 'must be a publication or null', (v) => v === null || isPublication(v)),
    next: open({
      isPublishable: yup.boolean().strict().required(),
      /** Sent only when the next publication cannot appear yet. */
      reason: notPublishableReason().when('isPublishable', {
        is: false,
        then: (schema) => schema.required(),
        otherwise: (schema) => schema.optional(),
      }),
      changed: count(),
      respondents: count(),
      k: count(),
      outcomes: recordOf<IndicatorOutcome>(
        isIndicatorOutcome,
        'must be outcomes keyed by indicator',
      ),
    }),
    settings: settingsReply,
    responses: open({
      invited: count(),
      collector: count(),
      open: count(),
      simulated: count(),
      counted: count(),
      waiting: count(),
    }),
    schedule: open({ nextAt: nullableTime('must be a time or null') }),
  }),
);

export type PublicationOverviewReply = yup.InferType<typeof publicationOverviewReply>;

/** 409 to `POST …/publications`: why the figures may not be published (yet). */
export const notPublishableReply = lazily(() =>
  open({
    error: yup
      .string()
      .strict()
      .oneOf(['not_publishable'] as const)
      .required(),
    reason: notPublishableReason().required(),
    changed: count(),
    k: count(),
  }),
);

export type NotPublishableReply = yup.InferType<typeof notPublishableReply>;

/**
 * `GET …/export.<format>?flavour=<flavour>&table=<table>` (EX1–EX5 in
 * `src/engine/SPEC.md`). Without a query the CSV is the Norwegian-Excel
 * answers table, so the old `export.csv` address keeps working; a workbook
 * holds every table as a sheet, so `table` does not apply to it.
 */
export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export const EXPORT_FLAVOURS = ['excel', 'analyse'] as const;
export const EXPORT_TABLES = ['svar', 'kodebok', 'fordeling'] as const;

export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export type ExportFlavour = (typeof EXPORT_FLAVOURS)[number];
export type ExportTableName = (typeof EXPORT_TABLES)[number];

export interface ExportChoice {
  readonly format: ExportFormat;
  readonly flavour: ExportFlavour;
  readonly table: ExportTableName;
}

/** The file name the server gives an export and the admin screen saves it under. */
export function exportFileName(questionnaireId: string, choice: ExportChoice): string {
  const flavour = choice.flavour === 'excel' ? '' : `-${choice.flavour}`;
  const table = choice.format === 'xlsx' || choice.table === 'svar' ? '' : `-${choice.table}`;
  return `barometer-${questionnaireId}${flavour}${table}.${choice.format}`;
}

/**
 * What the owner can see of an invitation, derived from its credential and
 * its response only: `revoked`, else `submitted`, else `expired`, else
 * `started` (a response exists), else `opened` (the link was claimed), else
 * `not_opened`.
 */
export const INVITATION_STATES = [
  'not_opened',
  'opened',
  'started',
  'submitted',
  'revoked',
  'expired',
] as const;

export type InvitationState = (typeof INVITATION_STATES)[number];

/** At most this many invitations per questionnaire are listed (the newest are left off). */
export const INVITATION_LIST_LIMIT = 10_000;

const invitationId = () => yup.string().strict().required().matches(UUID);

/** One invitation in `GET …/invitations`: never its token or the token's hash. */
export const invitationSummary = lazily(() =>
  open({
    id: invitationId(),
    label: yup.string().strict().nullable().defined(),
    createdAt: time(),
    expiresAt: nullableTime('must be a time or null'),
    state: yup.string().strict().oneOf(INVITATION_STATES).required(),
  }),
);

export type InvitationSummary = yup.InferType<typeof invitationSummary>;

/** `GET /api/admin/questionnaires/<id>/invitations`: the oldest first; `total` counts those left off too. */
export const invitationListReply = lazily(() =>
  open({
    invitations: yup.array(invitationSummary).strict().required(),
    total: count(),
  }),
);

export type InvitationListReply = yup.InferType<typeof invitationListReply>;

/** A link as it is issued: the token is in `link`, shown this once. */
export const issuedInvitation = lazily(() =>
  open({
    id: invitationId(),
    label: yup.string().strict().nullable().defined(),
    link: yup.string().strict().required(),
  }),
);

export type IssuedInvitationReply = yup.InferType<typeof issuedInvitation>;

/** 201 to `POST /api/admin/invitations`. */
export const invitationsReply = lazily(() =>
  open({
    invitations: yup.array(issuedInvitation).strict().required(),
  }),
);

/** 409 to `POST /api/admin/invitations/<id>/resend`: a revoked or expired invitation gets no new link. */
export const resendRefusal = lazily(() =>
  open({
    error: yup
      .string()
      .strict()
      .oneOf(['revoked', 'expired'] as const)
      .required(),
  }),
);
