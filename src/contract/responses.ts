import * as yup from 'yup';
import type { AnswerValue } from '../engine/index.ts';
import {
  closed,
  id,
  isPlainObject,
  lazily,
  open,
  plainObject,
  recordOf,
  SHA256_HEX,
  time,
  timesRecord,
  version,
} from './fields.ts';
import { ID, UUID } from './ids.ts';

/**
 * `PUT /api/responses/<uuid>` and `GET /api/responses/<uuid>` (SYNC.md
 * SY1–SY7): the body a device sends, the acknowledgement that alone counts as
 * delivered (SY6), the refusals, and the server's copy a second device merges.
 */

/** The marker of our acknowledgement: a proxy's or a portal's 200 never carries it. */
export const ACK = 'barometer.response';

const STATUSES = ['draft', 'submitted'] as const;

const status = () =>
  yup.string().strict().oneOf(STATUSES, 'must be "draft" or "submitted"').required('is required');

const questionnaireVersion = () => yup.number().strict().integer().min(1).required('is required');

const TIMES_MESSAGE = 'must be an object of times keyed by question id';
const areTimes = (value: Readonly<Record<string, unknown>>) =>
  Object.values(value).every((t) => typeof t === 'number' && Number.isFinite(t) && t >= 0);

/**
 * What a saved response is made of, in the PUT body and in a collector's
 * export file alike (SY18). Answers are only checked to be an object here:
 * the server then checks them against the pinned questionnaire version
 * (`checkSubmission`, SY10), which names each bad answer.
 */
export const responseFields = () => ({
  questionnaireId: id(),
  questionnaireVersion: questionnaireVersion(),
  status: status(),
  version: version(),
  answers: plainObject('must be an object keyed by question id'),
  answeredAt: plainObject(TIMES_MESSAGE).test(
    'times',
    'every value must be a time in milliseconds',
    areTimes,
  ),
  /**
   * A collector's device only (SY16): SHA-256 of the token it made offline for
   * the respondent's own link. Used when the save creates the response;
   * ignored after that and on every other kind of write.
   */
  respondentKeyHash: yup
    .string()
    .strict()
    .matches(SHA256_HEX, 'must be a SHA-256 in lowercase hex (64 characters)')
    .optional(),
});

/** `answeredAt` where it may be left out (an export file's response). */
export const optionalTimes = () =>
  yup
    .mixed<Readonly<Record<string, number>>>()
    .optional()
    .test(
      'times',
      `${TIMES_MESSAGE}, every value a time in milliseconds`,
      (v) => v === undefined || (isPlainObject(v) && areTimes(v)),
    );

/** The PUT body. */
export const responseBody = lazily(() => closed(responseFields()));

export type ResponseBody = yup.InferType<typeof responseBody>;

/** 200 to a PUT: stored, a replay of what was stored (SY2), or stale against a newer version (SY3). */
export const acknowledgement = lazily(() =>
  open({
    ack: yup.string().strict().oneOf([ACK]).required(),
    id: yup.string().strict().matches(UUID).required(),
    version: version(),
    status: status(),
    outcome: yup
      .string()
      .strict()
      .oneOf(['stored', 'replay', 'stale'] as const)
      .required(),
    storedAt: time(),
  }),
);

export type Acknowledgement = yup.InferType<typeof acknowledgement>;

/** 409 to a PUT: the same version with other content (SY4), after submission (SY5), or another questionnaire's id. */
export const refusal = lazily(() =>
  open({
    error: yup
      .string()
      .strict()
      .oneOf(['conflict', 'submitted', 'other_questionnaire'] as const)
      .required(),
    currentVersion: version(),
    status: status(),
  }),
);

export type Refusal = yup.InferType<typeof refusal>;

/** Every error reply: `{ error: <code>, … }`. */
export const errorReply = lazily(() => open({ error: yup.string().strict().required() }));

export type ErrorReply = yup.InferType<typeof errorReply>;

/** 400: one `{ path, reason }` per field, JSON Pointer paths (SY10). */
export const invalidReply = lazily(() =>
  open({
    error: yup
      .string()
      .strict()
      .oneOf(['invalid_body', 'invalid_answers'] as const)
      .required(),
    fields: yup
      .array(
        open({ path: yup.string().strict().required(), reason: yup.string().strict().required() }),
      )
      .strict()
      .required(),
  }),
);

export type InvalidReply = yup.InferType<typeof invalidReply>;

const isOptionId = (value: unknown) => typeof value === 'string' && ID.test(value);

/**
 * The shapes of `AnswerValue` (engine types.ts): text or option id, number,
 * option ids, or a row → option id / row → number map. Which one a question
 * takes is the engine's business; anything else is no answer at all.
 */
export function isAnswerValue(value: unknown): value is AnswerValue {
  if (typeof value === 'string') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isOptionId);
  if (!isPlainObject(value)) return false;
  const entries = Object.entries(value);
  if (!entries.every(([row]) => ID.test(row))) return false;
  return (
    entries.every(([, cell]) => isOptionId(cell)) ||
    entries.every(([, cell]) => typeof cell === 'number' && Number.isFinite(cell))
  );
}

/**
 * 200 to a GET: the copy as the server stored it, for a device to merge (MG1).
 * Unlike the PUT body its answers are checked for shape here, because they go
 * straight into the device's draft.
 */
export const responseCopy = lazily(() =>
  open({
    ack: yup.string().strict().oneOf([ACK]).required(),
    id: yup.string().strict().matches(UUID).required(),
    questionnaireId: id(),
    questionnaireVersion: questionnaireVersion(),
    status: status(),
    version: version(),
    answers: recordOf<AnswerValue>(isAnswerValue, 'must be answers keyed by question id'),
    answeredAt: timesRecord('must be times keyed by question id'),
    updatedAt: time(),
  }),
);

export type ResponseCopy = yup.InferType<typeof responseCopy>;
