/**
 * lodash's `cloneDeep` for form values (structured-cloneable data). Formik
 * calls it four times on every render of a form (its initial values, errors,
 * touched and status), mostly on `undefined` or a few strings, so JSON-like
 * values are copied here and only anything else goes to `structuredClone`,
 * whose call into the browser costs more than the copy.
 */
export default function cloneDeep<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item: unknown) => cloneDeep(item)) as T;
  if (Object.getPrototypeOf(value) === Object.prototype) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[key] = cloneDeep(item);
    return copy as T;
  }
  return structuredClone(value);
}
