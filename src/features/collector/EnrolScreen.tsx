import { useEffect, useRef, useState, type RefObject } from 'react';
import { Alert } from '../../components/Alert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { useUiText } from '../../i18n/uiText.tsx';
import { useDocumentTitle } from '../../i18n/useDocumentTitle.ts';
import { navigate } from '../../platform/router.ts';
import { collector, type CollectorRecord } from '../../storage/lazy.ts';
import { enrol } from '../../sync/client.ts';
import { holderChanged } from './deviceHolder.ts';
import { enrolDevice, type EnrolPhase, type EnrolProblem } from './enrolDevice.ts';
import { PinChooser } from './PinChooser.tsx';
import { useQuestionnaireTitle } from './useQuestionnaireTitle.ts';
import { useHeadingFocus } from './useHeadingFocus.ts';
import { useWhen } from './useWhen.ts';
import './collector.css';

const PROBLEM_TEXT = {
  not_found: 'collector.enrol.notFound',
  missing: 'collector.enrol.missing',
  offline: 'collector.enrol.offline',
  unavailable: 'collector.enrol.unavailable',
  other_collector: 'collector.enrol.otherCollector',
  failed: 'collector.enrol.failed',
} as const satisfies Record<EnrolProblem, string>;

/**
 * `/c/<token>`: makes this device a collector's (SY15). The token leaves the
 * address bar at once (replaced by `/c`) and is kept only in IndexedDB; then
 * the collector sees whom the device collects for and chooses the PIN that
 * takes the device back from each respondent.
 */
export function EnrolScreen({ token }: { token: string | null }) {
  const { t } = useUiText();
  useDocumentTitle(t('title.enrol'));
  // The address loses the token at once, which renders this screen again without it.
  const [linkToken] = useState(token);
  const [phase, setPhase] = useState<EnrolPhase | null>(null);
  const isStarted = useRef(false);
  const heading = useHeadingFocus(phase?.kind);
  useEffect(() => {
    if (linkToken !== null) window.history.replaceState(null, '', '/c');
    if (isStarted.current) return;
    isStarted.current = true;
    void enrolDevice(linkToken, { enrol, store: collector, now: () => Date.now() }).then((next) => {
      if (next.kind === 'enrolled') holderChanged(next.enrolment);
      setPhase(next);
    });
  }, [linkToken]);

  if (!phase) return <Loading />;
  if (phase.kind === 'problem') {
    return (
      <div className="page">
        <h1 className="ds-heading" data-size="md" tabIndex={-1} ref={heading}>
          {t('collector.enrol.heading')}
        </h1>
        <Alert tone={phase.problem === 'offline' ? 'warning' : 'danger'} live="assertive">
          <p className="ds-paragraph" data-testid="enrol-problem" data-problem={phase.problem}>
            {t(PROBLEM_TEXT[phase.problem])}
          </p>
          {phase.problem === 'other_collector' ? (
            <a className="ds-link" href="/innsamling">
              {t('collector.toRoster')}
            </a>
          ) : null}
        </Alert>
      </div>
    );
  }
  return <Enrolled enrolment={phase.enrolment} heading={heading} />;
}

function Enrolled({
  enrolment,
  heading,
}: {
  enrolment: CollectorRecord;
  heading: RefObject<HTMLHeadingElement | null>;
}) {
  const { t } = useUiText();
  const when = useWhen();
  const titleOf = useQuestionnaireTitle();
  return (
    <div className="page">
      <h1 className="ds-heading" data-size="md" tabIndex={-1} ref={heading}>
        {t('collector.enrol.enrolled', { label: enrolment.label })}
      </h1>
      <div className="collector-facts">
        <p className="ds-paragraph" id="enrol-questionnaires">
          {t('collector.enrol.questionnaires', { count: enrolment.questionnaireIds.length })}
        </p>
        <ul className="ds-list" aria-labelledby="enrol-questionnaires">
          {enrolment.questionnaireIds.map((id) => (
            <li key={id}>{titleOf(id)}</li>
          ))}
        </ul>
        <p className="ds-paragraph">{t('collector.expires', { at: when(enrolment.expiresAt) })}</p>
      </div>
      {enrolment.pin ? (
        <>
          <p className="ds-paragraph">{t('collector.enrol.pinKept')}</p>
          <a className="ds-link" href="/innsamling">
            {t('collector.toRoster')}
          </a>
        </>
      ) : (
        <PinChooser onChosen={() => navigate({ name: 'roster' }, { replace: true })} />
      )}
    </div>
  );
}
