import type { FastifyReply } from 'fastify';
import * as yup from 'yup';

/**
 * How the server names what is wrong with a request body. The bodies
 * themselves are schemas of the shared contract (`src/contract/`), checked
 * strictly: no coercion, unknown fields are errors. Answers are then checked
 * by the engine against the pinned questionnaire version.
 */
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

/** The body checked against its contract schema, or undefined after a 400 naming each bad field. */
export function parseBody<T>(
  schema: { validateSync(value: unknown, options: object): T },
  body: unknown,
  reply: FastifyReply,
): T | undefined {
  try {
    return schema.validateSync(body, { abortEarly: false, strict: true });
  } catch (error) {
    void reply.code(400).send({ error: 'invalid_body', fields: fieldReasons(error) });
    return undefined;
  }
}
