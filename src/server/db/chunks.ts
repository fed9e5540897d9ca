/** Rows per statement when many are written at once (PostgreSQL allows 65,535 parameters). */
export const ROWS_PER_STATEMENT = 1_000;

export function chunks<T>(items: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += ROWS_PER_STATEMENT)
    result.push(items.slice(i, i + ROWS_PER_STATEMENT));
  return result;
}
