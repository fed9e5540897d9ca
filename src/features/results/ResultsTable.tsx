import { useId } from 'react';
import type { PublicationDocument, PublishedFigure } from '../../engine/index.ts';
import { useUiText } from '../../i18n/uiText.tsx';
import { useFormatters } from '../../i18n/useFormatters.ts';
import type { PeerGroup, ResultRow } from './resultRows.ts';

/**
 * The numbers of the chart, with how many answers each average rests on.
 * Average columns appear only when there is a publication; a row the
 * publication leaves out says so once. Each indicator's name heads its own
 * row above its numbers, so the number columns fit a 320 px screen however
 * long the spec's names are; `headers` ties every cell to its column and
 * indicator for screen readers.
 */
export function ResultsTable({
  rows,
  publication,
  peer,
}: {
  rows: readonly ResultRow[];
  publication: PublicationDocument | undefined;
  peer: PeerGroup | undefined;
}) {
  const { t } = useUiText();
  const { number, date } = useFormatters();
  const id = useId();
  const columns = 1 + (publication ? 1 : 0) + (peer ? 1 : 0);
  const hasHidden = rows.some((row) => !row.national || (peer && !row.group));
  const figure = ({ mean, n }: PublishedFigure) => (
    <>
      <span className="figure-mean">{number(mean)}</span>
      <span className="figure-n">{t('results.answerCount', { count: n, n: number(n) })}</span>
    </>
  );
  return (
    <div className="results-numbers">
      {peer ? (
        <p className="ds-paragraph" data-testid="peer-group">
          {t('results.peerGroup', { group: peer.name, option: peer.optionText })}
        </p>
      ) : null}
      <table className="ds-table results-table" data-color="neutral" data-testid="results-table">
        <caption>{t('results.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col" id={`${id}-own`}>
              {t('results.yourScore')}
            </th>
            {publication ? (
              <th scope="col" id={`${id}-average`}>
                {t('results.average')}
              </th>
            ) : null}
            {peer ? (
              <th scope="col" id={`${id}-peer`}>
                {t('results.peerColumn')}
              </th>
            ) : null}
          </tr>
        </thead>
        {rows.map((row) => {
          const name = `${id}-${row.id}`;
          const headers = (...headerIds: string[]) =>
            [...headerIds.map((header) => `${id}-${header}`), name].join(' ');
          return (
            <tbody key={row.id} data-indicator={row.id}>
              <tr>
                <th scope="rowgroup" colSpan={columns} id={name}>
                  {row.name}
                  {row.kept ? (
                    <span className="row-note" data-testid="kept-note">
                      {row.kept.publishedAt === null
                        ? t('results.keptUndated')
                        : t('results.kept', { date: date(row.kept.publishedAt) })}
                    </span>
                  ) : null}
                </th>
              </tr>
              <tr>
                <td className="own-score" headers={headers('own')}>
                  {row.own === null ? t('results.noScore') : number(row.own)}
                </td>
                {publication && !row.national ? (
                  <td
                    colSpan={peer ? 2 : 1}
                    className="national"
                    headers={peer ? headers('average', 'peer') : headers('average')}
                  >
                    {t('results.tooFew')}
                  </td>
                ) : null}
                {row.national ? (
                  <td className="national" headers={headers('average')}>
                    {figure(row.national)}
                  </td>
                ) : null}
                {peer && row.national ? (
                  <td className="peer" headers={headers('peer')}>
                    {row.group ? figure(row.group) : t('results.notShown')}
                  </td>
                ) : null}
              </tr>
            </tbody>
          );
        })}
      </table>
      {publication && hasHidden ? (
        <p className="ds-paragraph row-note" data-testid="hidden-note">
          {t('results.hiddenNote', { k: number(publication.k) })}
        </p>
      ) : null}
    </div>
  );
}
