import type {
  PublicationDocument,
  PublishedFigure,
  PublishedIndicator,
} from '../../engine/index.ts';

/**
 * The one gate for publication documents, from the server and from the
 * device's cache alike: anything that is not a whole, well-formed document
 * of this questionnaire is treated as absent. The cache may still hold the
 * live-average document of earlier versions, which fails here by design.
 * Returns a fresh object built from the checked fields only.
 */
export function parsePublication(
  value: unknown,
  questionnaireId: string,
): PublicationDocument | undefined {
  if (!isObject(value) || value.questionnaireId !== questionnaireId) return undefined;
  const { number, publishedAt, k, respondents, isSimulated } = value;
  if (!isCount(number) || number < 1 || !isCount(k) || k < 1 || !isCount(respondents))
    return undefined;
  if (!isTime(publishedAt) || typeof isSimulated !== 'boolean') return undefined;
  const group = parseGroup(value.group);
  const indicators = parseRecord(value.indicators, parseIndicator);
  const earlierDates = parseRecord(value.earlierDates, (v) => (isTime(v) ? v : undefined));
  if (group === undefined || !indicators || !earlierDates) return undefined;
  return {
    questionnaireId,
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

/** What the server said about a questionnaire's publication. */
export type PublicationReply =
  | { readonly kind: 'published'; readonly publication: PublicationDocument }
  | { readonly kind: 'notPublished'; readonly k: number | null }
  | { readonly kind: 'failed' };

/** `GET /api/benchmarks/<id>`: 200 with the document, or 404 `not_published` (with k when the server sends it). */
export function parsePublicationReply(
  status: number,
  body: unknown,
  questionnaireId: string,
): PublicationReply {
  if (status === 200) {
    const publication = parsePublication(body, questionnaireId);
    return publication ? { kind: 'published', publication } : { kind: 'failed' };
  }
  if (status === 404 && isObject(body) && body.error === 'not_published') {
    return { kind: 'notPublished', k: isCount(body.k) && body.k > 0 ? body.k : null };
  }
  return { kind: 'failed' };
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
