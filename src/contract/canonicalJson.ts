/**
 * JSON with every object's keys sorted (by UTF-16 code unit, as `<` compares
 * strings) and no whitespace, so equal values give equal text. It is what the
 * server hashes to recognise a replayed save (SYNC.md SY2) and what an export
 * file's checksum covers (SY18). Do not change the output: stored content
 * hashes and the checksums of files already written depend on it.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
