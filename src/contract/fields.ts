import * as yup from 'yup';
import { ID } from './ids.ts';

/**
 * The building blocks every message is written with. Everything is strict:
 * no coercion ("1" is not 1, "true" is not true), null only where a field
 * says so. Request bodies are closed (an unknown field is an error the
 * server names); replies are open, because an app cached on a device must
 * keep working when a newer server adds a field: the client reads the
 * fields named here and drops the rest.
 */

/** A request body: unknown fields are errors rather than silently dropped. */
export const closed = <T extends yup.ObjectShape>(shape: T) =>
  yup.object(shape).strict().noUnknown('unknown field(s): ${unknown}').required();

/** A reply: the named fields are checked, others are ignored. */
export const open = <T extends yup.ObjectShape>(shape: T) => yup.object(shape).strict().required();

/** A questionnaire (or question, option, indicator) id as the specs write it. */
export const id = () => yup.string().strict().required('is required').matches(ID, 'is not an id');

/** A whole number from 0 that a JSON number holds exactly. */
export const count = () =>
  yup.number().strict().integer().min(0).max(Number.MAX_SAFE_INTEGER).required();

/** The client's version counter of a response (a PostgreSQL integer). */
export const version = () =>
  yup
    .number()
    .strict()
    .integer('must be a whole number')
    .min(1)
    .max(2_147_483_647)
    .required('is required');

const isTime = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0;

/** Milliseconds since 1970; Yup's number lets Infinity through (`1e400` in JSON), this does not. */
export const time = () =>
  yup.number().strict().test('time', 'must be a time in milliseconds', isTime).required();

export const isPlainObject = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const plainObject = (message: string) =>
  yup
    .mixed<Record<string, unknown>>()
    .required('is required')
    .test('object', message, isPlainObject);

/**
 * An object used as a map: every key an id (so never `__proto__`) and every
 * value passing `isValue`. Yup has no record type; a `mixed` with a test
 * stands in for one.
 */
export const recordOf = <T>(isValue: (value: unknown) => boolean, message: string) =>
  yup
    .mixed<Readonly<Record<string, T>>>()
    .required('is required')
    .test(
      'record',
      message,
      (value: unknown) =>
        isPlainObject(value) &&
        Object.entries(value).every(([key, item]) => ID.test(key) && isValue(item)),
    );

export const timesRecord = (message: string) => recordOf<number>(isTime, message);

/** A time in milliseconds, or null for "not (yet)". */
export const nullableTime = (message: string) =>
  yup
    .number()
    .strict()
    .nullable()
    .defined()
    .test('time', message, (v) => v === null || isTime(v));

const hasControlCharacter = (text: string) =>
  Array.from({ length: text.length }, (_, i) => text.charCodeAt(i)).some(
    (code) => code < 32 || code === 127,
  );

/** A label people type (an invitation's, a collector's): PostgreSQL cannot store NUL, and no label needs a control character. */
export const label = (max: number) =>
  yup
    .string()
    .strict()
    .required('is required')
    .max(max)
    .test('printable', 'must not contain control characters', (text) => !hasControlCharacter(text));

/** A token sent in a body (an invitation's to claim, a collector's to enrol). */
export const bodyToken = () => yup.string().strict().required('is required').max(200);

/**
 * A message's schema, built the first time it is used, and used like the schema itself. Yup
 * builds a schema by cloning at every method, and a module's schemas were all built as it was
 * imported: the app's sync code built every message's schema at once when it started, one task of
 * about 55 ms here (over 200 ms on a phone at a quarter of the speed) in which a tap had to wait,
 * for schemas a respondent's device mostly never uses (the owner's, a collector's).
 */
export function lazily<S extends object>(build: () => S): S {
  let built: S | undefined;
  const schema = (): S => (built ??= build());
  return new Proxy({} as S, {
    get(_, key) {
      const target = schema();
      const value: unknown = Reflect.get(target, key, target);
      // Methods run on the built schema itself, so Yup's own `this` is never the stand-in.
      return typeof value === 'function'
        ? (value as (...args: unknown[]) => unknown).bind(target)
        : value;
    },
    has: (_, key) => Reflect.has(schema(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(schema()),
  });
}

/** SHA-256 in lowercase hex. */
export const SHA256_HEX = /^[0-9a-f]{64}$/;

/** True when `value` is an instance of `schema`, checked as it is (Yup's strict mode). */
export const isMessage = (schema: yup.AnySchema, value: unknown): boolean =>
  schema.isValidSync(value, { strict: true });

/**
 * Reads a message from outside: the value itself when it fits `schema`
 * exactly as it is (no coercion), else undefined. The value still carries
 * any field the schema does not name; readers copy out the fields they use.
 */
export function readMessage<S extends yup.AnySchema>(
  schema: S,
  value: unknown,
): yup.InferType<S> | undefined {
  return schema.isValidSync(value, { strict: true }) ? value : undefined;
}
