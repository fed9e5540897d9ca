import type { IssuedLink, NewInvitations } from './adminApi.ts';

/**
 * The invitation form's rules, apart from the screen: what the owner typed
 * becomes a request the server accepts (the limits of `invitationBody` in
 * `src/contract/access.ts`), or the field that is wrong and why; and the
 * links just made become a CSV for Norwegian Excel.
 */
export const MAX_INVITATIONS = 10_000;
export const MAX_LABEL_LENGTH = 200;
export const MAX_DAYS = 3650;

export type FormProblem =
  | { readonly field: 'count'; readonly kind: 'count' }
  | { readonly field: 'labels'; readonly kind: 'tooMany' }
  | { readonly field: 'labels'; readonly kind: 'labelTooLong'; readonly line: number }
  | { readonly field: 'days'; readonly kind: 'days' };

const wholeIn = (text: string, min: number, max: number): number | undefined => {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return value >= min && value <= max ? value : undefined;
};

/**
 * One link per non-empty line of `labels`; without any, `count` links.
 * Control characters cannot be typed in a textarea line, so the server's
 * printable check is met by splitting on line breaks.
 */
export function readInvitationForm(form: {
  readonly count: string;
  readonly labels: string;
  readonly days: string;
}):
  | { readonly ok: true; readonly request: NewInvitations }
  | { readonly ok: false; readonly problems: readonly FormProblem[] } {
  const problems: FormProblem[] = [];
  const lines = form.labels.split(/\r?\n/).map((line) => line.trim());
  const labels = lines.filter((line) => line.length > 0);
  const longLine = lines.findIndex((line) => line.length > MAX_LABEL_LENGTH);
  if (longLine >= 0) problems.push({ field: 'labels', kind: 'labelTooLong', line: longLine + 1 });
  else if (labels.length > MAX_INVITATIONS) problems.push({ field: 'labels', kind: 'tooMany' });
  const count = labels.length > 0 ? undefined : wholeIn(form.count, 1, MAX_INVITATIONS);
  if (labels.length === 0 && count === undefined) problems.push({ field: 'count', kind: 'count' });
  const days = form.days.trim() === '' ? undefined : wholeIn(form.days, 1, MAX_DAYS);
  if (form.days.trim() !== '' && days === undefined) problems.push({ field: 'days', kind: 'days' });
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    request: {
      ...(labels.length > 0 ? { labels } : { count: count ?? 1 }),
      ...(days === undefined ? {} : { expiresInDays: days }),
    },
  };
}

/** A CSV field: quoted when it holds the separator, a quote or a line break; a leading formula sign is defused. */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The links just made, for Norwegian Excel: UTF-8 with a byte order mark (so
 * «æøå» open right), semicolons between columns, CRLF line ends.
 */
export function linksCsv(
  links: readonly IssuedLink[],
  headings: { readonly label: string; readonly link: string },
  nameOf: (link: IssuedLink, index: number) => string,
): string {
  const rows = [
    [headings.label, headings.link],
    ...links.map((link, index) => [nameOf(link, index), link.link]),
  ];
  return `\uFEFF${rows.map((row) => row.map(csvField).join(';')).join('\r\n')}\r\n`;
}
