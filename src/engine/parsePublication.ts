import type { PublicationDocument, PublishedFigure, PublishedIndicator } from './publication.ts';

/**
 * Parse, don't trust: a publication document from the network or from a
 * device's cache, checked field by field. Anything not whole and well-formed
 * (including the live-average documents of earlier versions) is undefined.
 * Returns a fresh object of the checked fields only.
 */
export function parsePublicationDocument(value: unknown): PublicationDocument | undefined {
  if (!isObject(value) || typeof value.questionnaireId !== 'string') return undefined;
  const { number, publishedAt, k, respondents, isSimulated } = value;
  if (!isCount(number) || number < 1 || !isCount(k) || k < 1 || !isCount(respondents))
    return undefined;
  if (!isTime(publishedAt) || typeof isSimulated !== 'boolean') return undefined;
  const group = parseGroup(value.group);
  const indicators = parseRecord(value.indicators, parseIndicator);
  const earlierDates = parseRecord(value.earlierDates, (v) => (isTime(v) ? v : undefined));
  if (group === undefined || !indicators || !earlierDates) return undefined;
  return {
    questionnaireId: value.questionnaireId,
    number,
    publishedAt,
    k,
    respondents,
    isSimulated,
    group,
    indicators,
    earlierDates,
  };
}

type Fields = Readonly<Record<string, unknown>>;

const isObject = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isCount = (value: unknown): value is number =>
  Number.isSafeInteger(value) && Number(value) >= 0;

const isTime = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value > 0;

/** Every entry must parse, or the whole record is rejected. */
function parseRecord<T>(
  value: unknown,
  parse: (entry: unknown) => T | undefined,
): Record<string, T> | undefined {
  if (!isObject(value)) return undefined;
  const entries: [string, T][] = [];
  for (const [key, entry] of Object.entries(value)) {
    const parsed = parse(entry);
    if (parsed === undefined) return undefined;
    entries.push([key, parsed]);
  }
  // fromEntries defines own properties, so a `__proto__` key stays a plain key.
  return Object.fromEntries(entries);
}

function parseGroup(value: unknown): PublicationDocument['group'] | undefined {
  if (value === null) return null;
  if (!isObject(value) || typeof value.id !== 'string' || typeof value.question !== 'string')
    return undefined;
  return { id: value.id, question: value.question };
}

function parseFigure(value: unknown): PublishedFigure | undefined {
  if (!isObject(value) || typeof value.mean !== 'number' || !Number.isFinite(value.mean))
    return undefined;
  return isCount(value.n) && value.n > 0 ? { mean: value.mean, n: value.n } : undefined;
}

function parseIndicator(value: unknown): PublishedIndicator | undefined {
  if (!isObject(value) || !isCount(value.from) || value.from < 1) return undefined;
  const national = parseFigure(value.national);
  const groups = parseRecord(value.groups, parseFigure);
  const items = parseRecord(value.items, parseFigure);
  if (!national || !groups || !items) return undefined;
  return { national, groups, items, from: value.from };
}
