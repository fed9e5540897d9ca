/** lodash's shallow `clone` for form values: arrays, dates and objects are copied one level deep. */
export default function clone<T>(value: T): T {
  if (Array.isArray(value)) return [...(value as unknown[])] as T;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (typeof value !== 'object' || value === null) return value;
  // As lodash: a class instance keeps its prototype; an object without a constructor becomes plain.
  const proto: unknown =
    typeof (value as { constructor?: unknown }).constructor === 'function'
      ? Object.getPrototypeOf(value)
      : Object.prototype;
  return Object.assign(Object.create(proto as object | null), value) as T;
}
