import { useEffect, useMemo, useState } from 'react';
import { Alert } from '../../components/Alert.tsx';
import { Button } from '../../components/Button.tsx';
import { Loading } from '../../components/Loading.tsx';
import type { Questionnaire } from '../../engine/index.ts';
import { useUiText } from '../../i18n/uiText.tsx';
import { useDocumentTitle } from '../../i18n/useDocumentTitle.ts';
import {
  catalogEntries,
  latestVersions,
  loadedQuestionnaire,
  loadQuestionnaire,
} from '../../platform/catalog.ts';
import { collectorStore, useLiveQuery, type RosterEntry } from '../../storage/index.ts';
import { handOverTo } from './handOver.ts';
import { NewRespondentForm } from './NewRespondentForm.tsx';
import { DeviceStoragePanel } from './DeviceStoragePanel.tsx';
import { ExportPanel } from './ExportPanel.tsx';
import { ForgetDevicePanel } from './ForgetDevicePanel.tsx';
import { PinChooser } from './PinChooser.tsx';
import { RespondentSlip } from './RespondentSlip.tsx';
import { progressOf, rosterLine, type RosterLine } from './rosterLine.ts';
import { useHeadingFocus } from './useHeadingFocus.ts';
import { SendAllPanel } from './SendAllPanel.tsx';
import { useQuestionnaireTitle } from './useQuestionnaireTitle.ts';
import { useWhen } from './useWhen.ts';
import '@digdir/designsystemet-css/card.css';
import './collector.css';

/**
 * `/innsamling`: the collector's roster. Every respondent on this device,
 * newest first, with the questionnaire, the progress, the last change and
 * where the answers stand; «Ny respondent» and «Fortsett» hand the device to
 * a respondent. Read through a live query, so a send in the background or in
 * another tab shows at once.
 */
export function RosterScreen() {
  const { t } = useUiText();
  useDocumentTitle(t('title.roster'));
  const when = useWhen();
  const stored = useLiveQuery(
    () => Promise.all([collectorStore().getEnrolment(), collectorStore().roster()]),
    [],
  );
  const enrolment = stored?.[0];
  const heading = useHeadingFocus(stored === undefined);
  // One slip at a time, shown above the panels; its print sheet holds it alone.
  const [slipFor, setSlipFor] = useState<string | null>(null);
  const showSlip = (responseId: string) => setSlipFor(responseId);
  const questionnaires = useMemo(
    () =>
      latestVersions(catalogEntries()).filter((e) => enrolment?.questionnaireIds.includes(e.id)),
    [enrolment],
  );
  if (!stored) return <Loading />;
  const roster = stored[1];
  if (!enrolment) {
    return (
      <div className="page">
        <h1 className="ds-heading" data-size="md" tabIndex={-1} ref={heading}>
          {t('collector.roster.heading')}
        </h1>
        <p className="ds-paragraph">{t('collector.roster.notEnrolled')}</p>
      </div>
    );
  }
  return (
    <div className="page collector">
      <h1 className="ds-heading" data-size="md" tabIndex={-1} ref={heading}>
        {t('collector.roster.heading')}
      </h1>
      <div className="collector-facts">
        <p className="ds-paragraph">{t('collector.roster.lead', { label: enrolment.label })}</p>
        <p className="ds-paragraph">{t('collector.expires', { at: when(enrolment.expiresAt) })}</p>
      </div>
      {!enrolment.pin ? (
        // Without a PIN nobody could take the device back: it is chosen before anyone is handed it.
        <PinChooser onChosen={() => undefined} />
      ) : questionnaires.length > 0 ? (
        <NewRespondentForm questionnaires={questionnaires} />
      ) : (
        <p className="ds-paragraph">{t('collector.roster.noQuestionnaires')}</p>
      )}
      <section aria-labelledby="roster-heading">
        <h2 className="ds-heading" data-size="sm" id="roster-heading">
          {t('collector.roster.listHeading', { count: roster.length })}
        </h2>
        {roster.length === 0 ? (
          <p className="ds-paragraph">{t('collector.roster.empty')}</p>
        ) : (
          <RosterList roster={roster} canHandOver={enrolment.pin !== null} onShowSlip={showSlip} />
        )}
      </section>
      <div className="collector-panels" data-testid="collector-panels">
        {slipFor ? <RespondentSlip key={slipFor} responseId={slipFor} isFocused /> : null}
        <SendAllPanel />
        <ExportPanel />
        <DeviceStoragePanel />
        <ForgetDevicePanel />
      </div>
    </div>
  );
}

function RosterList({
  roster,
  canHandOver,
  onShowSlip,
}: {
  roster: RosterEntry[];
  canHandOver: boolean;
  onShowSlip: (responseId: string) => void;
}) {
  const specs = useSpecsOf(roster);
  const [hasFailed, setFailed] = useState(false);
  const { t } = useUiText();
  const handOver = (responseId: string) => {
    setFailed(false);
    handOverTo(responseId).catch(() => setFailed(true));
  };
  return (
    <>
      {hasFailed ? (
        <Alert tone="danger" live="assertive">
          <p className="ds-paragraph">{t('collector.roster.handOverFailed')}</p>
        </Alert>
      ) : null}
      <ul className="card-list">
        {roster.map((entry) => (
          <RosterCard
            key={entry.respondent.responseId}
            entry={entry}
            spec={
              entry.draft
                ? specs.get(specKey(entry.draft.questionnaireId, entry.draft.questionnaireVersion))
                : undefined
            }
            onContinue={canHandOver ? handOver : null}
            onShowSlip={onShowSlip}
          />
        ))}
      </ul>
    </>
  );
}

function RosterCard({
  entry,
  spec,
  onContinue,
  onShowSlip,
}: {
  entry: RosterEntry;
  spec: Questionnaire | undefined;
  onContinue: ((responseId: string) => void) | null;
  onShowSlip: (responseId: string) => void;
}) {
  const { t } = useUiText();
  const titleOf = useQuestionnaireTitle();
  const when = useWhen();
  const line = rosterLine(entry);
  const { respondent, draft } = entry;
  const progress = draft?.status === 'draft' && spec ? progressOf(spec, draft.answers) : null;
  return (
    <li
      className="ds-card card collector-entry"
      data-testid="roster-entry"
      data-response-id={respondent.responseId}
      data-state={line.state}
    >
      <h3 className="ds-heading" data-size="xs">
        {respondent.label}
      </h3>
      <p className="ds-paragraph">{titleOf(respondent.questionnaireId)}</p>
      {draft?.status === 'submitted' ? (
        <p className="ds-paragraph">{t('start.completed')}</p>
      ) : progress ? (
        <p className="ds-paragraph" data-testid="roster-progress">
          {t('progress.answered', progress)}
        </p>
      ) : null}
      {draft ? (
        // Only of answers still here: a removed or lost line's time is not a change to its answers.
        <p className="ds-paragraph roster-subtle">
          {t('collector.roster.lastChange', { at: when(draft.updatedAt) })}
        </p>
      ) : null}
      <p className="ds-paragraph" data-testid="roster-state">
        {stateText(t, line, when)}
      </p>
      <div className="page-actions">
        {line.canContinue && onContinue ? (
          <Button
            onClick={() => onContinue(respondent.responseId)}
            aria-label={t('collector.roster.continueNamed', { label: respondent.label })}
          >
            {t('collector.roster.continue')}
          </Button>
        ) : null}
        <Button
          variant="secondary"
          onClick={() => onShowSlip(respondent.responseId)}
          aria-label={t('collector.roster.showSlipNamed', { label: respondent.label })}
        >
          {t('collector.roster.showSlip')}
        </Button>
      </div>
    </li>
  );
}

function stateText(
  t: ReturnType<typeof useUiText>['t'],
  line: RosterLine,
  when: (ms: number) => string,
): string {
  const at = line.at === null ? '' : when(line.at);
  switch (line.state) {
    case 'device':
      return t('collector.state.device');
    case 'backedUp':
      return t('collector.state.backedUp', { at });
    case 'submitting':
      return t('collector.state.submitting');
    case 'submitted':
      return t('collector.state.submitted', { at });
    case 'removed':
      return t('collector.state.removed', { at });
    case 'lost':
      return t('collector.state.lost');
    case 'attention':
      return line.attention === 'access'
        ? t('collector.state.attentionAccess')
        : line.attention === 'invalid'
          ? t('collector.state.attentionInvalid')
          : t('collector.state.attentionOther');
  }
}

const specKey = (id: string, version: number) => `${id}.v${version}`;

/** The questionnaire versions the roster's answers are to, as they load (progress is counted against them). */
function useSpecsOf(roster: readonly RosterEntry[]): ReadonlyMap<string, Questionnaire> {
  const versions = new Map(
    roster.flatMap((e) =>
      e.draft
        ? [
            [
              specKey(e.draft.questionnaireId, e.draft.questionnaireVersion),
              { id: e.draft.questionnaireId, version: e.draft.questionnaireVersion },
            ] as const,
          ]
        : [],
    ),
  );
  // The live query hands over new objects on every change; the versions wanted change rarely.
  const wanted = [...versions.keys()].sort().join(' ');
  const [specs, setSpecs] = useState<ReadonlyMap<string, Questionnaire>>(new Map());
  useEffect(() => {
    let isCurrent = true;
    void Promise.all(
      [...versions].map(async ([key, { id, version }]) => {
        const spec =
          loadedQuestionnaire(id, version) ??
          (await loadQuestionnaire(id, version).catch(() => undefined));
        return spec ? ([key, spec] as const) : null;
      }),
    ).then((loaded) => {
      if (isCurrent) setSpecs(new Map(loaded.filter((e) => e !== null)));
    });
    return () => {
      isCurrent = false;
    };
  }, [wanted]);
  return specs;
}
