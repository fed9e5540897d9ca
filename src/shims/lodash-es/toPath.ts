// lodash's property-path grammar: `a.b`, `a[0]`, `a["b.c"]`, `a['b']`, and empty segments.
const PROPERTY =
  /[^.[\]]+|\[(?:(-?\d+(?:\.\d+)?)|(["'])((?:(?!\2)[^\\]|\\.)*?)\2)\]|(?=(?:\.|\[\])(?:\.|\[\]|$))/g;
const ESCAPE = /\\(\\)?/g;

/** lodash's `toPath`: a path string (or array) as the list of keys it names. */
export default function toPath(value: unknown): string[] {
  if (Array.isArray(value))
    return value.map((key) => (typeof key === 'symbol' ? key : String(key))) as string[];
  if (typeof value === 'symbol') return [value as unknown as string];
  const path = String(value);
  const keys: string[] = [];
  if (path.charCodeAt(0) === 46 /* . */) keys.push('');
  path.replace(PROPERTY, (match, index?: string, quote?: string, quoted?: string) => {
    keys.push(quote ? (quoted ?? '').replace(ESCAPE, '$1') : (index ?? match));
    return match;
  });
  return keys;
}
