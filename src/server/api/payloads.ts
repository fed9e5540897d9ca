import * as yup from 'yup';

/**
 * Request bodies of the API, checked strictly: no coercion ("1" is not 1),
 * unknown fields are errors rather than silently dropped. Answers are then
 * checked by the engine against the pinned questionnaire version.
 */
const closed = <T extends yup.ObjectShape>(shape: T) =>
  yup.object(shape).strict().noUnknown('unknown field(s): ${unknown}').required();

const id = () =>
  yup
    .string()
    .strict()
    .required('is required')
    .matches(/^[a-z0-9][a-z0-9_.-]*$/, 'is not an id');

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const plainObject = (message: string) =>
  yup
    .mixed<Record<string, unknown>>()
    .required('is required')
    .test(
      'object',
      message,
      (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v),
    );

export const responseBody = closed({
  questionnaireId: id(),
  questionnaireVersion: yup.number().strict().integer().min(1).required('is required'),
  status: yup
    .string()
    .strict()
    .oneOf(['draft', 'submitted'], 'must be "draft" or "submitted"')
    .required('is required'),
  version: yup
    .number()
    .strict()
    .integer('must be a whole number')
    .min(1)
    .max(2_147_483_647)
    .required('is required'),
  answers: plainObject('must be an object keyed by question id'),
  answeredAt: plainObject('must be an object of times keyed by question id').test(
    'times',
    'every value must be a time in milliseconds',
    (v) => Object.values(v).every((t) => typeof t === 'number' && Number.isFinite(t) && t >= 0),
  ),
});

export type ResponseBody = yup.InferType<typeof responseBody>;

export const claimBody = closed({ token: yup.string().strict().required('is required').max(200) });

export const openResponseBody = closed({
  responseId: yup.string().strict().required('is required').matches(UUID, 'must be a UUID'),
});

export const invitationBody = closed({
  questionnaireId: id(),
  count: yup.number().strict().integer().min(1).max(10_000).optional(),
  labels: yup
    .array(
      yup
        .string()
        .strict()
        .required()
        .max(200)
        // PostgreSQL cannot store NUL, and no label needs a control character.
        .test(
          'printable',
          'must not contain control characters',
          (label) =>
            !Array.from({ length: label.length }, (_, i) => label.charCodeAt(i)).some(
              (code) => code < 32 || code === 127,
            ),
        ),
    )
    .strict()
    .max(10_000)
    .optional(),
  expiresInDays: yup.number().strict().integer().min(1).max(3650).optional(),
});

export interface FieldReason {
  readonly path: string;
  readonly reason: string;
}

/** Yup errors as `{ path, reason }` with JSON Pointer paths. */
export function fieldReasons(error: unknown): FieldReason[] {
  if (!(error instanceof yup.ValidationError)) throw error;
  const all = error.inner.length > 0 ? error.inner : [error];
  return all.map((e) => ({
    path: `/${(e.path ?? '').replace(/\[(\d+)\]/g, '.$1').replace(/\./g, '/')}`,
    reason: e.message,
  }));
}
