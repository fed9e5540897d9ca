/** Statistics and table output of `npm run bench:app`. */

export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  // Nearest rank: p95 of 20 samples is the 19th.
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  return sorted.length === 0
    ? Number.NaN
    : sorted.length % 2
      ? sorted[Math.floor(mid)]!
      : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export interface Ratio {
  readonly value: number;
  /** A 90% bootstrap interval of `value`. */
  readonly low: number;
  readonly high: number;
}

/**
 * median(a) / median(b) with a 90% bootstrap interval: on a loaded host one
 * run's ratio moves by a tenth and more, and the interval says how far.
 * Every figure of the app against the bare page goes through here. The
 * samples are resampled one by one, which treats clicks of one walk as
 * independent: the interval is a little narrower than a resampling of whole
 * walks would give. Seeded, so the same samples always give the same
 * interval.
 */
export function ratioOfMedians(a: readonly number[], b: readonly number[], rounds = 2000): Ratio {
  const value = median(a) / median(b);
  if (a.length === 0 || b.length === 0) return { value, low: Number.NaN, high: Number.NaN };
  let seed = 12345;
  const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  const resample = (values: readonly number[]) =>
    values.map(() => values[Math.floor(random() * values.length)]!);
  const ratios = Array.from(
    { length: rounds },
    () => median(resample(a)) / median(resample(b)),
  ).sort((x, y) => x - y);
  return {
    value,
    low: ratios[Math.floor(rounds * 0.05)]!,
    high: ratios[Math.floor(rounds * 0.95)]!,
  };
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
export const ms = (n: number) => (Number.isFinite(n) ? `${n.toFixed(0)} ms` : '–');
export const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
export const mib = (bytes: number) =>
  Number.isFinite(bytes) ? `${(bytes / 1024 / 1024).toFixed(2)} MiB` : '–';
export const times = (n: number) => (Number.isFinite(n) ? `${n.toFixed(2)}×` : '–');
export const row = (label: string, ...cells: string[]) =>
  console.log(`  ${label.padEnd(52)}${cells.map((c) => c.padStart(11)).join('')}`);
export const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');
