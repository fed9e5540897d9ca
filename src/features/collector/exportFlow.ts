import { EXPORT_MAX_RESPONSES } from '../../contract/index.ts';
import type { BuiltExport } from '../../sync/collectorExport.ts';
import { formatCount, type WordTools } from './formats.ts';
import { createPanelStore, type PanelStore } from './panelStore.ts';

/**
 * «Last ned eksportfil» (SYNC.md SY18): build the file, hand it to the
 * browser as a download, then wait for the collector to say it was saved.
 * Only that confirmation marks its responses as exported (`confirmSaved`),
 * which is what lets «Glem denne enheten» count them as safe: a download
 * that was cancelled or went nowhere must not.
 */
export type ExportPhase =
  | 'idle'
  | 'building'
  /** Downloaded; waiting for «Jeg har lagret filen». */
  | 'saving'
  | 'confirming'
  | 'confirmed'
  /** Nothing the server has not acknowledged: no file. */
  | 'empty'
  | 'notEnrolled';

export interface ExportState {
  readonly phase: ExportPhase;
  /** Put each respondent's label in the file; off unless the collector asks. */
  readonly includeLabels: boolean;
  /** The file handed over last. */
  readonly file: {
    readonly fileName: string;
    readonly responses: number;
    /** Responses past the file's limit, left out of it. */
    readonly left: number;
  } | null;
  /** The last step failed on the device (building or marking): nothing was marked. */
  readonly hasFailed: boolean;
}

export interface ExportDeps {
  readonly build: (options: { includeLabels: boolean }) => Promise<BuiltExport>;
  /** Hands the text to the browser as a file download. */
  readonly save: (text: string, fileName: string) => void;
}

export type ExportFlow = PanelStore<ExportState> & {
  readonly setIncludeLabels: (includeLabels: boolean) => void;
  /** Builds a new file and downloads it; another press makes another file (a lost download). */
  readonly download: () => Promise<void>;
  readonly confirmSaved: () => Promise<void>;
};

export function createExportFlow(deps: ExportDeps): ExportFlow {
  const store = createPanelStore<ExportState>({
    phase: 'idle',
    includeLabels: false,
    file: null,
    hasFailed: false,
  });
  let built: Extract<BuiltExport, { kind: 'file' }> | null = null;
  const isBusy = () => ['building', 'confirming'].includes(store.getState().phase);

  return {
    subscribe: store.subscribe,
    getState: store.getState,
    setIncludeLabels(includeLabels) {
      if (isBusy()) return;
      // A file built with the other choice is not the file the collector now asks for.
      if (store.getState().phase === 'saving') built = null;
      store.update({
        includeLabels,
        ...(store.getState().phase === 'saving' ? { phase: 'idle', file: null } : {}),
      });
    },
    async download() {
      if (isBusy()) return;
      store.update({ phase: 'building', hasFailed: false });
      try {
        const result = await deps.build({ includeLabels: store.getState().includeLabels });
        if (result.kind !== 'file') {
          built = null;
          store.update({ phase: result.kind === 'empty' ? 'empty' : 'notEnrolled', file: null });
          return;
        }
        built = result;
        deps.save(result.text, result.fileName);
        store.update({
          phase: 'saving',
          file: {
            fileName: result.fileName,
            responses: result.file.responses.length,
            left: result.left,
          },
        });
      } catch {
        built = null;
        store.update({ phase: 'idle', file: null, hasFailed: true });
      }
    },
    async confirmSaved() {
      const file = built;
      if (!file || store.getState().phase !== 'saving') return;
      store.update({ phase: 'confirming', hasFailed: false });
      try {
        await file.confirmSaved();
        built = null;
        store.update({ phase: 'confirmed' });
      } catch {
        store.update({ phase: 'saving', hasFailed: true });
      }
    },
  };
}

/** What the last step did, for the panel's live region; empty when there is nothing to say. */
export function exportStatusText({ t, language }: WordTools, state: ExportState): string {
  if (state.hasFailed && !state.file) return t('collectorPanels.export.buildFailed');
  switch (state.phase) {
    case 'empty':
      return t('collectorPanels.export.nothing');
    case 'notEnrolled':
      return t('collectorPanels.export.notEnrolled');
    case 'saving':
    case 'confirming': {
      const { file } = state;
      if (!file) return '';
      const downloaded = t('collectorPanels.export.downloaded', {
        fileName: file.fileName,
        n: formatCount(file.responses, language),
      });
      if (file.left === 0) return downloaded;
      const left = t('collectorPanels.export.left', {
        n: formatCount(file.left, language),
        max: formatCount(EXPORT_MAX_RESPONSES, language),
      });
      return `${downloaded} ${left}`;
    }
    case 'idle':
    case 'building':
    case 'confirmed':
      return '';
  }
}
