/**
 * A `JSON.stringify` replacer that leaves out `$comment`: notes for the author (provenance, choices
 * made where the sources are ambiguous) stay in the repository's files; the app gets what it shows.
 */
export const withoutComments = (key: string, value: unknown): unknown =>
  key === '$comment' ? undefined : value;
