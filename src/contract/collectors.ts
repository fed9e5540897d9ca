import * as yup from 'yup';
import { bodyToken, closed, count, id, label, lazily, nullableTime, open, time } from './fields.ts';
import { UUID } from './ids.ts';

/**
 * Field collection (SYNC.md SY14–SY19): the survey owner's collector links,
 * a collector device's enrolment, and the reply to an imported export file.
 * The responses themselves travel as ordinary saves (`responses.ts`) or in
 * the export file (`exportFile.ts`).
 */

/** How long a collector link lasts when the owner does not say (SY14). */
export const COLLECTOR_DEFAULT_DAYS = 30;
export const COLLECTOR_MAX_DAYS = 365;
/** Questionnaires one collector link may cover. */
export const COLLECTOR_MAX_QUESTIONNAIRES = 50;

const uuid = () => yup.string().strict().required('is required').matches(UUID, 'must be a UUID');

const questionnaireIds = () =>
  yup
    .array(id())
    .strict()
    .required('is required')
    .min(1, 'must name at least one questionnaire')
    .max(COLLECTOR_MAX_QUESTIONNAIRES)
    .test(
      'unique',
      'must not name a questionnaire twice',
      (ids) => new Set(ids).size === ids.length,
    );

/** `POST /api/admin/collectors`. */
export const collectorBody = lazily(() =>
  closed({
    label: label(200),
    questionnaireIds: questionnaireIds(),
    expiresInDays: yup.number().strict().integer().min(1).max(COLLECTOR_MAX_DAYS).optional(),
  }),
);

export type CollectorBody = yup.InferType<typeof collectorBody>;

/** What every reply about one collector says of it. */
const collectorFields = () => ({
  label: yup.string().strict().required(),
  questionnaireIds: questionnaireIds(),
  expiresAt: time(),
});

/** 201 to `POST /api/admin/collectors`: the link holds the token, shown this once. */
export const collectorReply = lazily(() =>
  open({
    id: uuid(),
    ...collectorFields(),
    link: yup.string().strict().required(),
  }),
);

export type CollectorReply = yup.InferType<typeof collectorReply>;

/** One collector in `GET /api/admin/collectors`: never its token; its responses so far. */
export const collectorSummary = lazily(() =>
  open({
    id: uuid(),
    ...collectorFields(),
    createdAt: time(),
    revokedAt: nullableTime('must be a time or null'),
    firstUsedAt: nullableTime('must be a time or null'),
    responses: count(),
    submitted: count(),
  }),
);

export type CollectorSummary = yup.InferType<typeof collectorSummary>;

export const collectorListReply = lazily(() =>
  open({
    collectors: yup.array(collectorSummary).strict().required(),
  }),
);

export type CollectorListReply = yup.InferType<typeof collectorListReply>;

/** `POST /api/collectors/enrol`: the token from a collector link. */
export const enrolBody = lazily(() => closed({ token: bodyToken() }));

export type EnrolBody = yup.InferType<typeof enrolBody>;

/** 200 to an enrolment: whom the device collects for, and until when. */
export const enrolReply = lazily(() => open({ collectorId: uuid(), ...collectorFields() }));

export type EnrolReply = yup.InferType<typeof enrolReply>;

/** Why an import refused a whole file (400); nothing was written. */
export const IMPORT_REFUSALS = [
  'truncated',
  'not_json',
  'invalid_file',
  'checksum_mismatch',
  'unknown_collector',
] as const;

export type ImportRefusalCode = (typeof IMPORT_REFUSALS)[number];

const fieldList = () =>
  yup
    .array(
      open({ path: yup.string().strict().required(), reason: yup.string().strict().required() }),
    )
    .strict();

export const importRefusal = lazily(() =>
  open({
    error: yup.string().strict().oneOf(IMPORT_REFUSALS).required(),
    message: yup.string().strict().required(),
    fields: fieldList().optional(),
  }),
);

export type ImportRefusal = yup.InferType<typeof importRefusal>;

export const IMPORT_OUTCOMES = ['created', 'updated', 'replay', 'stale', 'refused'] as const;

export type ImportOutcome = (typeof IMPORT_OUTCOMES)[number];

/** 200 to `POST /api/admin/imports`: what became of each response of the file, in its order. */
export const importReply = lazily(() =>
  open({
    collectorId: uuid(),
    results: yup
      .array(
        open({
          id: uuid(),
          outcome: yup.string().strict().oneOf(IMPORT_OUTCOMES).required(),
          /** The version the server holds afterwards; absent when refused before the database was asked. */
          version: yup.number().strict().integer().min(1).optional(),
          /** Why a response was refused: `submitted`, `conflict`, `invalid_answers`, `out_of_scope`, … */
          reason: yup.string().strict().optional(),
          fields: fieldList().optional(),
        }),
      )
      .strict()
      .required(),
    counts: open({
      created: count(),
      updated: count(),
      replay: count(),
      stale: count(),
      refused: count(),
    }),
  }),
);

export type ImportReply = yup.InferType<typeof importReply>;
