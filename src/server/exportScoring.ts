import {
  compile,
  localize,
  type ChoiceOption,
  type Indicator,
  type IndicatorItem,
  type Questionnaire,
} from '../engine/index.ts';

/**
 * How an index is computed, in Bokmål, for the export's codebook (EX4): the
 * spec's own items put into words with the rule ids of `src/engine/SPEC.md`,
 * so an analyst can recompute the index from the answer columns.
 */
export function describeIndicator(spec: Questionnaire, indicator: Indicator): string {
  const items = indicator.items.map((item, i) => `${i + 1}) ${describeItem(spec, item)}.`);
  return [
    'Gjennomsnittet av leddene som har verdi (SC8); ubesvart, skjult og «vet ikke» gir ingen verdi og holdes utenfor (SC0).',
    ...items,
  ].join('\n');
}

/** A score as the codebook writes it: at most two decimals, decimal comma. */
const points = (value: number) => String(Math.round(value * 100) / 100).replace('.', ',');

function describeItem(spec: Questionnaire, item: IndicatorItem): string {
  const { entries } = compile(spec);
  const options = (question: string) => entries.get(question)?.options ?? [];
  const label = (question: string, id: string) => {
    const option = options(question).find((o) => o.id === id);
    return `«${option ? localize(option.text, 'nb', spec) : id}»`;
  };
  const labels = (question: string, ids: readonly string[]) =>
    ids.map((id) => label(question, id)).join(', ');
  const counting = (rule: { base: number; step: number; fullAt: number }) =>
    `ett kryss gir ${points(rule.base)}, hvert kryss til gir ${points(rule.step)} mer, ${rule.fullAt} eller flere gir 100`;
  switch (item.rule) {
    case 'scale':
      return `${item.row === undefined ? item.question : `${item.question}.${item.row}`}: skala (SC1): ${scale(spec, options(item.question))}`;
    case 'count':
      return [
        `${item.question}: antall kryss (SC2, SC3): ${counting(item)}`,
        item.zero.length ? `${labels(item.question, item.zero)} gir 0` : '',
        item.missing.length ? `${labels(item.question, item.missing)} gir ingen verdi` : '',
      ]
        .filter(Boolean)
        .join('; ');
    case 'tick':
      return [
        `${item.question}: ${label(item.question, item.option)} krysset av gir 100, andre kryss gir 0 (SC4)`,
        item.missing.length ? `${labels(item.question, item.missing)} gir ingen verdi` : '',
      ]
        .filter(Boolean)
        .join('; ');
    case 'points':
      return `${item.question}: poeng per svar (SC5): ${Object.entries(item.points)
        .map(([id, value]) => `${label(item.question, id)} = ${points(value)}`)
        .join(', ')}; andre svar gir ingen verdi`;
    case 'gatedCount':
      return `${item.gate} = ${label(item.gate, item.no)} gir 0; ${item.gate} = ${label(item.gate, item.yes)} gir poeng etter antall kryss i ${item.question} (SC6): null kryss gir ${points(item.base)}, ${counting(item)}; andre svar gir ingen verdi`;
    case 'max':
      return `${item.question}: den høyeste verdien blant radene (SC7), hver rad på skalaen ${scale(spec, options(item.question))}`;
  }
}

/** SC1: the lowest scored option 0, the highest 100, linear between; options without a score give none. */
function scale(spec: Questionnaire, options: readonly ChoiceOption[]): string {
  const scores = options.flatMap((o) => (o.score === undefined ? [] : [o.score]));
  const low = Math.min(...scores);
  const high = Math.max(...scores);
  const nb = (o: ChoiceOption) => `«${localize(o.text, 'nb', spec)}»`;
  const scored = options
    .filter((o) => o.score !== undefined)
    .map((o) => `${nb(o)} = ${points((((o.score ?? low) - low) / (high - low)) * 100)}`);
  const unscored = options.filter((o) => o.score === undefined).map(nb);
  return [scored.join(', '), unscored.length ? `${unscored.join(', ')} gir ingen verdi` : '']
    .filter(Boolean)
    .join('; ');
}
