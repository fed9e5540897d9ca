/** lodash's `cloneDeep` for form values (structured-cloneable data). */
export default function cloneDeep<T>(value: T): T {
  return structuredClone(value);
}
