import { useId, useRef, useState } from 'react';
import { Button } from '../../components/Button.tsx';
import { useUiText } from '../../i18n/uiText.tsx';
import { useFormatters } from '../../i18n/useFormatters.ts';
import type { AdminClient, AdminProblem, ImportSummary } from './adminApi.ts';

/**
 * «Hent inn fil fra en innsamler» (SYNC.md SY19): the owner picks a
 * collector's export file and the server imports it; the outcome is said in
 * words, and a refused file says why (nothing of it was written).
 */
type Outcome =
  | { readonly kind: 'done'; readonly summary: ImportSummary }
  | { readonly kind: 'problem'; readonly problem: AdminProblem }
  | { readonly kind: 'no_file' };

const REASONS = [
  'submitted',
  'conflict',
  'other_questionnaire',
  'invalid_answers',
  'invalid_body',
  'out_of_scope',
  'not_yours',
  'erased',
] as const;

export function ImportPanel({
  client,
  onUnauthorised,
}: {
  client: AdminClient;
  onUnauthorised: (problem: AdminProblem) => void;
}) {
  const { t } = useUiText();
  const { number } = useFormatters();
  const id = useId();
  const file = useRef<HTMLInputElement>(null);
  const [isBusy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const send = async () => {
    const picked = file.current?.files?.[0];
    if (!picked) {
      setOutcome({ kind: 'no_file' });
      file.current?.focus();
      return;
    }
    setBusy(true);
    const result = await client.importFile(await picked.text());
    setBusy(false);
    if (
      !result.ok &&
      (result.problem.kind === 'wrong_key' || result.problem.kind === 'admin_off')
    ) {
      onUnauthorised(result.problem);
      return;
    }
    setOutcome(
      result.ok
        ? { kind: 'done', summary: result.value }
        : { kind: 'problem', problem: result.problem },
    );
  };

  const text = (): string | null => {
    if (!outcome) return null;
    if (outcome.kind === 'no_file') return t('admin.import.noFile');
    if (outcome.kind === 'problem')
      return outcome.problem.kind === 'import_refused'
        ? t(`admin.import.refusedFile.${outcome.problem.code}` as const)
        : t('admin.import.failed');
    const { summary } = outcome;
    const reasons = summary.reasons
      .map((reason) => {
        const known = REASONS.find((r) => r === reason);
        return known ? t(`admin.import.reason.${known}` as const) : t('admin.import.reason.other');
      })
      .join(', ');
    return [
      t('admin.import.done', {
        count: summary.created,
        created: number(summary.created),
        updated: number(summary.updated),
        replay: number(summary.replay),
      }),
      summary.stale > 0 ? t('admin.import.stale', { stale: number(summary.stale) }) : '',
      summary.refused > 0
        ? t('admin.import.refused', { refused: number(summary.refused), reasons })
        : '',
    ]
      .filter(Boolean)
      .join(' ');
  };

  const isFileProblem = outcome?.kind === 'no_file';
  return (
    <section
      className="ds-card card admin-card"
      aria-labelledby={`${id}-heading`}
      data-testid="admin-import"
    >
      <h2 className="ds-heading" data-size="sm" id={`${id}-heading`}>
        {t('admin.import.heading')}
      </h2>
      <p className="ds-paragraph" id={`${id}-help`}>
        {t('admin.import.help')}
      </p>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!isBusy) void send();
        }}
      >
        <div className="ds-field">
          <label className="ds-label" htmlFor={`${id}-file`}>
            {t('admin.import.file')}
          </label>
          <input
            ref={file}
            id={`${id}-file`}
            className="admin-file"
            type="file"
            accept="application/json,.json"
            aria-describedby={`${id}-help`}
            aria-invalid={isFileProblem || undefined}
          />
        </div>
        <Button type="submit" aria-disabled={isBusy || undefined}>
          {isBusy ? t('admin.import.importing') : t('admin.import.submit')}
        </Button>
      </form>
      <p
        className="ds-paragraph admin-notice"
        role="status"
        data-testid="import-outcome"
        data-outcome={outcome?.kind}
      >
        {text()}
      </p>
    </section>
  );
}
