import { describe, expect, it } from 'vitest';
import { invitationBody } from '../../src/contract/access.ts';
import type { IssuedLink } from '../../src/features/admin/adminApi.ts';
import {
  linksCsv,
  MAX_DAYS,
  MAX_INVITATIONS,
  MAX_LABEL_LENGTH,
  readInvitationForm,
} from '../../src/features/admin/invitationForm.ts';

/**
 * The invitation form's rules (`src/features/admin/invitationForm.ts`): what
 * the owner typed becomes a request the server's contract accepts, or the
 * fields that are wrong and why; and the CSV of the links just made.
 */

const form = (fields: { count?: string; labels?: string; days?: string }) => ({
  count: fields.count ?? '',
  labels: fields.labels ?? '',
  days: fields.days ?? '',
});

/** The request, after checking that the server's own schema takes it as it is. */
function accepted(fields: Parameters<typeof form>[0]) {
  const read = readInvitationForm(form(fields));
  if (!read.ok) throw new Error(`refused: ${JSON.stringify(read.problems)}`);
  const body = { questionnaireId: 'stat-2021-operativ', ...read.request };
  expect(invitationBody.isValidSync(body)).toBe(true);
  return read.request;
}

const problemsOf = (fields: Parameters<typeof form>[0]) => {
  const read = readInvitationForm(form(fields));
  return read.ok ? [] : read.problems;
};

describe('readInvitationForm: a number of links', () => {
  it('a whole number of links becomes `count`, spaces around it ignored', () => {
    expect(accepted({ count: '25' })).toEqual({ count: 25 });
    expect(accepted({ count: ' 7 ' })).toEqual({ count: 7 });
  });

  it('one link and the largest number the server takes are both accepted', () => {
    expect(accepted({ count: '1' })).toEqual({ count: 1 });
    expect(accepted({ count: String(MAX_INVITATIONS) })).toEqual({ count: MAX_INVITATIONS });
  });

  it.each([
    ['0', 'none'],
    [String(MAX_INVITATIONS + 1), 'one more than the server takes'],
    ['-3', 'a negative number'],
    ['2.5', 'a fraction'],
    ['2,5', 'a fraction with a Norwegian decimal comma'],
    ['1e3', 'an exponent'],
    ['ti', 'a word'],
    ['1 000', 'a number with a thousands space'],
  ])('«%s» (%s) is refused as a count', (count) => {
    expect(problemsOf({ count })).toEqual([{ field: 'count', kind: 'count' }]);
  });

  it('an empty form asks for a count, and only for that', () => {
    expect(problemsOf({})).toEqual([{ field: 'count', kind: 'count' }]);
    expect(problemsOf({ count: '   ', labels: ' \n \r\n', days: '  ' })).toEqual([
      { field: 'count', kind: 'count' },
    ]);
  });
});

describe('readInvitationForm: one link per name', () => {
  it('each non-empty line is a name, trimmed; blank lines and CRLF line ends are ignored', () => {
    expect(accepted({ labels: '  Kari \n\n Ola\r\n\r\nNav Oslo  \n' })).toEqual({
      labels: ['Kari', 'Ola', 'Nav Oslo'],
    });
  });

  it('names take the place of the count, even a count that would be refused', () => {
    expect(accepted({ count: '0', labels: 'Kari' })).toEqual({ labels: ['Kari'] });
    expect(accepted({ count: 'mange', labels: 'Kari\nOla' })).toEqual({ labels: ['Kari', 'Ola'] });
  });

  it('a name of the longest length is accepted; one character more is refused with its line', () => {
    const longest = 'x'.repeat(MAX_LABEL_LENGTH);
    expect(accepted({ labels: longest })).toEqual({ labels: [longest] });
    expect(problemsOf({ labels: `Kari\n\n${longest}y\nOla` })).toEqual([
      { field: 'labels', kind: 'labelTooLong', line: 3 },
    ]);
  });

  it('spaces around a name do not count towards its length', () => {
    const longest = 'x'.repeat(MAX_LABEL_LENGTH);
    expect(accepted({ labels: `   ${longest}   ` })).toEqual({ labels: [longest] });
  });

  it('the first of several long lines is the one named', () => {
    const long = 'x'.repeat(MAX_LABEL_LENGTH + 1);
    expect(problemsOf({ labels: `Kari\r\n${long}\r\n${long}` })).toEqual([
      { field: 'labels', kind: 'labelTooLong', line: 2 },
    ]);
  });

  it('as many names as the server takes are accepted; one more is too many', () => {
    const names = (n: number) => Array.from({ length: n }, (_, i) => `n${i}`).join('\n');
    const read = accepted({ labels: names(MAX_INVITATIONS) });
    expect(read.labels).toHaveLength(MAX_INVITATIONS);
    expect(problemsOf({ labels: names(MAX_INVITATIONS + 1) })).toEqual([
      { field: 'labels', kind: 'tooMany' },
    ]);
  });

  it('a name that is too long is said before there being too many names', () => {
    const names = Array.from({ length: MAX_INVITATIONS + 1 }, (_, i) => `n${i}`);
    names[4] = 'x'.repeat(MAX_LABEL_LENGTH + 1);
    expect(problemsOf({ labels: names.join('\n') })).toEqual([
      { field: 'labels', kind: 'labelTooLong', line: 5 },
    ]);
  });
});

describe('readInvitationForm: how many days a link lasts', () => {
  it('left empty, the request names no expiry (the server keeps its own default)', () => {
    expect(accepted({ count: '3', days: '' })).toEqual({ count: 3 });
    expect(accepted({ count: '3', days: '   ' })).toEqual({ count: 3 });
  });

  it('a whole number of days becomes `expiresInDays`, from one day to the most the server takes', () => {
    expect(accepted({ count: '3', days: ' 30 ' })).toEqual({ count: 3, expiresInDays: 30 });
    expect(accepted({ count: '3', days: '1' })).toEqual({ count: 3, expiresInDays: 1 });
    expect(accepted({ labels: 'Kari', days: String(MAX_DAYS) })).toEqual({
      labels: ['Kari'],
      expiresInDays: MAX_DAYS,
    });
  });

  it.each([
    ['0', 'no days'],
    [String(MAX_DAYS + 1), 'one more than the server takes'],
    ['-1', 'a negative number'],
    ['1.5', 'a fraction'],
    ['2026-12-31', 'a date instead of a number of days'],
    ['31.12.2026', 'a Norwegian date'],
    ['en uke', 'words'],
  ])('«%s» (%s) is refused as days', (days) => {
    expect(problemsOf({ count: '3', days })).toEqual([{ field: 'days', kind: 'days' }]);
  });
});

describe('readInvitationForm: several problems at once', () => {
  it('every wrong field is named, in the order of the form', () => {
    expect(problemsOf({ count: '0', days: '0' })).toEqual([
      { field: 'count', kind: 'count' },
      { field: 'days', kind: 'days' },
    ]);
    expect(problemsOf({ labels: 'x'.repeat(MAX_LABEL_LENGTH + 1), days: 'snart' })).toEqual([
      { field: 'labels', kind: 'labelTooLong', line: 1 },
      { field: 'days', kind: 'days' },
    ]);
  });
});

describe('linksCsv', () => {
  const headings = { label: 'Navn', link: 'Lenke' };
  const link = (id: string, label: string | null): IssuedLink => ({
    id,
    label,
    link: `https://barometer.example/invitasjon#${id}`,
  });

  it('opens right in Norwegian Excel: byte order mark, semicolons, CRLF after every row', () => {
    const csv = linksCsv([link('a', 'Kari Ås'), link('b', null)], headings, (l, i) =>
      l.label === null ? `Lenke ${i + 1}` : l.label,
    );
    expect(csv).toBe(
      '\uFEFFNavn;Lenke\r\n' +
        'Kari Ås;https://barometer.example/invitasjon#a\r\n' +
        'Lenke 2;https://barometer.example/invitasjon#b\r\n',
    );
  });

  it('with no links it is the heading row alone', () => {
    expect(linksCsv([], headings, () => 'x')).toBe('\uFEFFNavn;Lenke\r\n');
  });

  it.each([
    ['Nav; Oslo', '"Nav; Oslo"'],
    ['Kari «Sjefen» "K"', '"Kari «Sjefen» ""K"""'],
    ['to\nlinjer', '"to\nlinjer"'],
    ['vogn\rretur', '"vogn\rretur"'],
  ])('a name with a separator, quote or line break is quoted: %j', (name, field) => {
    const csv = linksCsv([link('a', name)], headings, (l) => l.label ?? '');
    expect(csv.split('\r\n')[1]).toBe(`${field};https://barometer.example/invitasjon#a`);
  });

  it.each([
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['+47 22 00 00 00', "'+47 22 00 00 00"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tinnrykk', "'\tinnrykk"],
    ['\rstart', `"'\rstart"`],
  ])('a name starting with a formula sign is defused with an apostrophe: %j', (name, field) => {
    const csv = linksCsv([link('a', name)], headings, (l) => l.label ?? '');
    expect(csv.slice(csv.indexOf('\r\n') + 2, -2)).toBe(
      `${field};https://barometer.example/invitasjon#a`,
    );
  });

  it('a formula sign inside a name is left as it is', () => {
    const csv = linksCsv([link('a', 'Nav=Oslo')], headings, (l) => l.label ?? '');
    expect(csv).toContain('\r\nNav=Oslo;');
  });

  it('the headings are written through the same rules', () => {
    const csv = linksCsv([], { label: 'Navn; fullt', link: '=Lenke' }, () => '');
    expect(csv).toBe(`\uFEFF"Navn; fullt";'=Lenke\r\n`);
  });
});
