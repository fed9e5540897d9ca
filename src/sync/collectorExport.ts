// Builds the export file a collector saves when the device cannot sync (SYNC.md SY18); nothing is sent.
import {
  EXPORT_FORMAT,
  EXPORT_FORMAT_VERSION,
  EXPORT_MAX_RESPONSES,
  exportFile,
  readMessage,
  sealExportFile,
  type ExportedResponse,
  type ExportFile,
  type Sha256Hex,
} from '../contract/index.ts';
import type { Questionnaire } from '../engine/index.ts';
import type { CollectorStore } from '../storage/index.ts';
import { responseBodyOf, webSha256Hex } from './responseBody.ts';

/**
 * Every collected response the server has not acknowledged at its revision,
 * as the server would get it in a save (`responseBodyOf`), in one file sealed
 * with the contract's checksum. The responses count as exported only once
 * the caller says the file was saved (`confirmSaved`): a download the person
 * cancelled must not make `forgetDevice` think the answers are safe.
 */
export interface ExportDeps {
  readonly collector: Pick<CollectorStore, 'getEnrolment' | 'unacknowledged' | 'markExported'>;
  readonly loadSpec: (id: string, version: number) => Promise<Questionnaire>;
  readonly now: () => number;
  readonly sha256Hex?: Sha256Hex;
  /**
   * Put each respondent's label in the file (the contract's
   * `respondentLabel`, which the import ignores). Off unless asked: the label
   * names a person or a workplace and is meant to stay on the device.
   */
  readonly includeLabels?: boolean;
}

export type BuiltExport =
  | { readonly kind: 'not_enrolled' }
  /** Nothing the server has not acknowledged. */
  | { readonly kind: 'empty' }
  | {
      readonly kind: 'file';
      readonly file: ExportFile;
      /** The file's text as it is to be saved (indented JSON; the checksum ignores formatting). */
      readonly text: string;
      readonly fileName: string;
      /** Responses left for another file: one holds at most `EXPORT_MAX_RESPONSES`. */
      readonly left: number;
      /** Call once the file is saved: its responses then count as exported at the revisions it holds. */
      readonly confirmSaved: () => Promise<void>;
    };

export async function buildExportFile(deps: ExportDeps): Promise<BuiltExport> {
  const sha256Hex = deps.sha256Hex ?? webSha256Hex;
  const enrolment = await deps.collector.getEnrolment();
  if (!enrolment) return { kind: 'not_enrolled' };
  const pending = (await deps.collector.unacknowledged()).filter(
    (e) => e.respondent.collectorId === enrolment.collectorId,
  );
  if (pending.length === 0) return { kind: 'empty' };

  const taken = pending.slice(0, EXPORT_MAX_RESPONSES);
  const responses: ExportedResponse[] = [];
  for (const { respondent, draft } of taken) {
    if (!draft) continue;
    const spec = await deps.loadSpec(draft.questionnaireId, draft.questionnaireVersion);
    responses.push({
      id: draft.id,
      ...responseBodyOf(spec, draft, await sha256Hex(respondent.respondentToken)),
      ...(deps.includeLabels ? { respondentLabel: respondent.label } : {}),
    });
  }
  const exportedAt = new Date(deps.now()).toISOString();
  const sealed = await sealExportFile(
    {
      format: EXPORT_FORMAT,
      formatVersion: EXPORT_FORMAT_VERSION,
      exportedAt,
      collector: { id: enrolment.collectorId, label: enrolment.label },
      responses,
    },
    sha256Hex,
  );
  // Our own output passes the schema the import checks, or it is not handed over as a file.
  const file = readMessage(exportFile, sealed);
  if (!file)
    throw new Error('the export file does not fit its schema (src/contract/exportFile.ts)');
  return {
    kind: 'file',
    file,
    text: `${JSON.stringify(file, null, 2)}\n`,
    fileName: `barometer-export-${exportedAt.slice(0, 19).replaceAll(':', '-')}.json`,
    left: pending.length - taken.length,
    confirmSaved: () =>
      deps.collector.markExported(
        responses.map((r) => ({ responseId: r.id, revision: r.version })),
      ),
  };
}
