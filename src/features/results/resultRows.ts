import {
  compile,
  computeVisibility,
  itemKey,
  localize,
  scoreIndicators,
  type Answers,
  type IndicatorItem,
  type Language,
  type PublicationDocument,
  type PublishedFigure,
  type Questionnaire,
} from '../../engine/index.ts';

/** One indicator as the results screen shows it: own scores from the device, figures from the publication. */
export interface ResultRow {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly own: number | null;
  /** Missing when the publication has too few answers to show this indicator. */
  readonly national: PublishedFigure | undefined;
  /** The respondent's peer group, when the publication shows it for this indicator. */
  readonly group: PublishedFigure | undefined;
  /** Set when the figures were kept from an earlier publication: its date, or null if the document lacks it. */
  readonly kept: { readonly publishedAt: number | null } | undefined;
  readonly items: readonly ResultItem[];
}

export interface ResultItem {
  readonly label: string;
  readonly own: number | null;
  readonly average: PublishedFigure | undefined;
}

/** The peer group the respondent belongs to, described in the current language. */
export interface PeerGroup {
  readonly option: string;
  /** The group question's short name, e.g. «Antall ansatte». */
  readonly name: string;
  /** The chosen option's text, e.g. «Færre enn 10». */
  readonly optionText: string;
}

export function resultRows(
  spec: Questionnaire,
  answers: Answers,
  publication: PublicationDocument | undefined,
  peer: PeerGroup | undefined,
  language: Language,
): ResultRow[] {
  const text = (x: { nb: string; nn: string }) => localize(x, language, spec);
  const { entries } = compile(spec);
  const itemLabel = (item: IndicatorItem) => {
    const question = entries.get(item.question)?.question;
    if (!question) return item.question;
    const row =
      item.rule === 'scale' && item.row !== undefined && question.type === 'grid'
        ? question.rows.find((r) => r.id === item.row)
        : undefined;
    return row ? `${text(question.text)} – ${text(row.text)}` : text(question.text);
  };
  const scores = new Map(scoreIndicators(spec, answers).map((s) => [s.id, s]));

  return (spec.indicators ?? []).map((indicator) => {
    const published = publication?.indicators[indicator.id];
    const scored = scores.get(indicator.id);
    const isKept = published !== undefined && published.from !== publication?.number;
    return {
      id: indicator.id,
      name: text(indicator.name),
      description: text(indicator.description),
      own: scored?.score ?? null,
      national: published?.national,
      group: peer && published ? published.groups[peer.option] : undefined,
      kept: isKept
        ? { publishedAt: publication?.earlierDates[String(published.from)] ?? null }
        : undefined,
      items: (scored?.items ?? []).map(({ item, score }) => ({
        label: itemLabel(item),
        own: score,
        average: averageOf(published?.items, itemKey(item)),
      })),
    };
  });
}

const averageOf = (
  items: Readonly<Record<string, PublishedFigure>> | undefined,
  key: string | undefined,
) => (items && key !== undefined && Object.hasOwn(items, key) ? items[key] : undefined);

/**
 * The respondent's own option for the publication's peer-group question,
 * read from the visible answers as the server does, when the publication
 * shows that group for at least one indicator.
 */
export function ownPeerGroup(
  spec: Questionnaire,
  answers: Answers,
  publication: PublicationDocument,
  language: Language,
): PeerGroup | undefined {
  const group = publication.group;
  if (!group) return undefined;
  const option = computeVisibility(spec, answers).answers[group.question];
  if (typeof option !== 'string') return undefined;
  const isShown = Object.values(publication.indicators).some((i) =>
    Object.hasOwn(i.groups, option),
  );
  const name = spec.benchmarkGroups?.find((g) => g.id === group.id)?.name;
  const optionText = compile(spec)
    .entries.get(group.question)
    ?.options.find((o) => o.id === option)?.text;
  if (!isShown || !name || !optionText) return undefined;
  return {
    option,
    name: localize(name, language, spec),
    optionText: localize(optionText, language, spec),
  };
}
