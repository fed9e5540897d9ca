/**
 * The result of a backup or restore step: a value, or a refusal that says
 * what is wrong (and, for a restore, that nothing was changed). Writes nothing.
 */

export type Outcome<T> = { readonly ok: true; readonly value: T } | Refusal;
export interface Refusal {
  readonly ok: false;
  readonly problem: string;
}

export const refuse = (problem: string): Refusal => ({ ok: false, problem });
