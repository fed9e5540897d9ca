import { useUiText } from '../../i18n/uiText.tsx';
import {
  compile,
  localize,
  type PublicationDocument,
  type Questionnaire,
} from '../../engine/index.ts';
import { useFormatters } from '../../i18n/useFormatters.ts';

/** The figures of the current publication: the national average per indicator, then per peer group. */
export function PublishedFigures({
  publication,
  spec,
}: {
  publication: PublicationDocument;
  spec: Questionnaire;
}) {
  const { t } = useUiText();
  const { language, number, dateTime } = useFormatters();
  const text = (x: { nb: string; nn: string }) => localize(x, language, spec);
  const indicators = spec.indicators ?? [];
  return (
    <>
      <table className="ds-table admin-table" data-testid="publication-figures">
        <caption>
          {t('admin.publication.figuresCaption', { number: number(publication.number) })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.publication.indicator')}</th>
            <th scope="col">{t('admin.publication.average')}</th>
          </tr>
        </thead>
        <tbody>
          {indicators.map((indicator) => {
            const shown = publication.indicators[indicator.id];
            const keptAt = shown ? publication.earlierDates[String(shown.from)] : undefined;
            return (
              <tr key={indicator.id} data-indicator={indicator.id}>
                <th scope="row">{text(indicator.name)}</th>
                <td>
                  {shown
                    ? t('admin.publication.meanWithN', {
                        mean: number(shown.national.mean),
                        n: number(shown.national.n),
                      })
                    : t('admin.publication.notShown')}
                  {shown && shown.from !== publication.number ? (
                    <>
                      {' '}
                      {keptAt === undefined
                        ? t('admin.publication.keptFrom', { from: number(shown.from) })
                        : t('admin.publication.keptFromAt', {
                            from: number(shown.from),
                            date: dateTime(keptAt),
                          })}
                    </>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <GroupTable publication={publication} spec={spec} />
    </>
  );
}

/** Indicator averages per peer-group option, for the options that passed k (PB2–PB4). */
function GroupTable({
  publication,
  spec,
}: {
  publication: PublicationDocument;
  spec: Questionnaire;
}) {
  const { t } = useUiText();
  const { language, number } = useFormatters();
  const text = (x: { nb: string; nn: string }) => localize(x, language, spec);
  const group = publication.group;
  if (!group) return null;
  const options = [
    ...new Set(Object.values(publication.indicators).flatMap((i) => Object.keys(i.groups))),
  ];
  if (options.length === 0) return null;
  const choices = compile(spec).entries.get(group.question)?.options ?? [];
  const optionText = (id: string) => {
    const found = choices.find((o) => o.id === id);
    return found ? text(found.text) : id;
  };
  const name = spec.benchmarkGroups?.find((g) => g.id === group.id)?.name;
  const caption = t('admin.publication.byGroup', { group: name ? text(name) : group.id });
  const captionId = `admin-${publication.questionnaireId}-groups`;
  return (
    // A wide table scrolls inside its own box, so the page never scrolls sideways (WCAG 1.4.10).
    <div className="admin-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="ds-table admin-table">
        <caption id={captionId}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.publication.indicator')}</th>
            {options.map((option) => (
              <th scope="col" key={option}>
                {optionText(option)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {(spec.indicators ?? []).map((indicator) => {
            const groups = publication.indicators[indicator.id]?.groups ?? {};
            return (
              <tr key={indicator.id}>
                <th scope="row">{text(indicator.name)}</th>
                {options.map((option) => {
                  const figure = groups[option];
                  return (
                    <td key={option}>
                      {figure
                        ? t('admin.publication.meanWithN', {
                            mean: number(figure.mean),
                            n: number(figure.n),
                          })
                        : t('admin.publication.notShownShort')}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
