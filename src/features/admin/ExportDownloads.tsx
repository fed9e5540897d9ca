import { useId, useState } from 'react';
import { exportFileName, type ExportChoice } from '../../contract/index.ts';
import { Button } from '../../components/Button.tsx';
import { useUiText } from '../../i18n/uiText.tsx';
import type { AdminClient, AdminProblem } from './adminApi.ts';

/**
 * The downloads offered, each named by its text key (`admin.export.<id>`,
 * explained by `admin.export.<id>Help`); EX1–EX5 in `src/engine/SPEC.md`.
 */
const CHOICES = (
  [
    ['workbook', 'xlsx', 'excel', 'svar'],
    ['excelCsv', 'csv', 'excel', 'svar'],
    ['analysisCsv', 'csv', 'analyse', 'svar'],
    ['codebook', 'csv', 'analyse', 'kodebok'],
    ['distribution', 'csv', 'excel', 'fordeling'],
  ] as const
).map(([id, format, flavour, table]) => ({ id, choice: { format, flavour, table } }));

/** The owner's export downloads for one questionnaire; the distribution only when it has indicators. */
export function ExportDownloads({
  questionnaireId,
  hasIndicators,
  client,
  onUnauthorised,
}: {
  questionnaireId: string;
  hasIndicators: boolean;
  client: AdminClient;
  onUnauthorised: (problem: AdminProblem) => void;
}) {
  const { t } = useUiText();
  const id = useId();
  const [hasFailed, setFailed] = useState(false);

  const download = async (choice: ExportChoice) => {
    const { format, ...query } = choice;
    const result = await client.exportFile(questionnaireId, format, query);
    setFailed(!result.ok);
    if (!result.ok) {
      if (result.problem.kind === 'wrong_key' || result.problem.kind === 'admin_off')
        onUnauthorised(result.problem);
      return;
    }
    const url = URL.createObjectURL(result.value);
    const link = document.createElement('a');
    link.href = url;
    link.download = exportFileName(questionnaireId, choice);
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  const shown = CHOICES.filter((c) => hasIndicators || c.choice.table !== 'fordeling');
  return (
    <section className="admin-exports" aria-labelledby={`${id}-heading`}>
      <h3 className="ds-heading" data-size="xs" id={`${id}-heading`}>
        {t('admin.export.heading')}
      </h3>
      <ul className="admin-export-list">
        {shown.map((entry) => (
          <li key={entry.id}>
            <Button
              variant="secondary"
              aria-describedby={`${id}-${entry.id}`}
              data-export={entry.id}
              onClick={() => void download(entry.choice)}
            >
              {t(`admin.export.${entry.id}` as const)}
            </Button>
            <p className="ds-paragraph admin-subtle" id={`${id}-${entry.id}`}>
              {t(`admin.export.${entry.id}Help` as const)}
            </p>
          </li>
        ))}
      </ul>
      <div role="status">
        {hasFailed ? <p className="ds-paragraph">{t('admin.exportFailed')}</p> : null}
      </div>
    </section>
  );
}
