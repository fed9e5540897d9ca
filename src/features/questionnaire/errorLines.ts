/**
 * One line of the error summary: the question's text, then what to fix.
 * «Hvilken type virksomhet? Velg et svar.», not «…virksomhet?: Velg …»: a
 * text that ends in its own punctuation needs no colon after it.
 */
export function joinLabel(label: string, message: string): string {
  const trimmed = label.trimEnd();
  return /[?!.:…]$/.test(trimmed) ? `${trimmed} ${message}` : `${trimmed}: ${message}`;
}
