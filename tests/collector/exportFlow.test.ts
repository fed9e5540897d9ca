import { describe, expect, it } from 'vitest';
import { exportFile, readMessage } from '../../src/contract/index.ts';
import { createExportFlow, exportStatusText } from '../../src/features/collector/exportFlow.ts';
import { forgetCheck } from '../../src/features/collector/forgetWords.ts';
import { plain, responseIdOf, tablet, wordTools } from './tablet.ts';

/**
 * «Last ned eksportfil» over a tablet's real stores and the real export
 * builder: only the collector's «Jeg har lagret filen» makes the file's
 * responses count as safe for «Glem denne enheten» (SY18).
 */
let clock = 1_700_000_000_000;
const now = () => (clock += 10);

async function tabletWithFlow() {
  const device = await tablet({
    collectorId: 'c0000000-0000-4000-8000-000000000001',
    token: 'collector-token-'.padEnd(43, 'k'),
    now,
  });
  const saved: { text: string; fileName: string }[] = [];
  const flow = createExportFlow({
    build: device.exportFile,
    save: (text, fileName) => saved.push({ text, fileName }),
  });
  const blockers = async () => {
    const check = forgetCheck(await device.collector.roster());
    return check.kind === 'blocked' ? check.unsafe.map((u) => [u.label, u.reason]) : [];
  };
  return { device, flow, saved, blockers };
}

describe('the export file is safe only once the collector says it was saved', () => {
  it('a download alone leaves the device unforgettable; the confirmation makes it forgettable', async () => {
    const { device, flow, saved, blockers } = await tabletWithFlow();
    await device.collect(1, { submit: true });
    await device.collect(2);
    await device.collect(3, { answer: false });
    expect(await blockers()).toEqual([
      ['Arbeidsplass 2', 'notSent'],
      ['Arbeidsplass 1', 'completedNotSent'],
    ]);

    await flow.download();
    expect(saved).toHaveLength(1);
    const file = readMessage(exportFile, JSON.parse(saved[0]?.text ?? 'null'));
    expect(file?.responses.map((r) => r.id).sort()).toEqual([responseIdOf(1), responseIdOf(2)]);
    // Labels stay on the device unless the collector asks for them.
    expect(saved[0]?.text).not.toContain('Arbeidsplass');
    expect(flow.getState()).toMatchObject({
      phase: 'saving',
      file: { fileName: saved[0]?.fileName, responses: 2, left: 0 },
    });
    expect(plain(exportStatusText(wordTools(), flow.getState()))).toBe(
      `Filen ${saved[0]?.fileName} med 2 svar er lastet ned.`,
    );
    expect(await blockers()).toHaveLength(2);

    await flow.confirmSaved();
    expect(flow.getState().phase).toBe('confirmed');
    expect(await blockers()).toEqual([]);
    // A change after the saved file is not in it.
    await device.drafts.saveAnswers(responseIdOf(2), { k1: 'helt_uenig' }, now());
    expect(await blockers()).toEqual([['Arbeidsplass 2', 'changedSinceExport']]);
  });

  it('labels go into the file only when asked; changing the choice drops a file not yet confirmed', async () => {
    const { device, flow, saved, blockers } = await tabletWithFlow();
    await device.collect(1);
    flow.setIncludeLabels(true);
    await flow.download();
    expect(saved[0]?.text).toContain('"respondentLabel": "Arbeidsplass 1"');

    flow.setIncludeLabels(false);
    expect(flow.getState()).toMatchObject({ phase: 'idle', file: null, includeLabels: false });
    await flow.confirmSaved();
    expect(await blockers()).toEqual([['Arbeidsplass 1', 'notSent']]);
  });

  it('nothing unsent: no file, and it says so', async () => {
    const { device, flow, saved } = await tabletWithFlow();
    await device.collect(1, { answer: false });
    await flow.download();
    expect(saved).toEqual([]);
    expect(flow.getState().phase).toBe('empty');
    expect(exportStatusText(wordTools(), flow.getState())).toBe(
      'Serveren har bekreftet alle svarene på enheten. Det er ingenting å eksportere.',
    );
  });

  it('a failure on the device marks nothing and says so; the step can be taken again', async () => {
    const { device, saved } = await tabletWithFlow();
    await device.collect(1);
    let isFailing = true;
    const flow = createExportFlow({
      build: async (options) => {
        if (isFailing) throw new Error('IndexedDB went away');
        return device.exportFile(options);
      },
      save: (text, fileName) => saved.push({ text, fileName }),
    });
    await flow.download();
    expect(flow.getState()).toMatchObject({ phase: 'idle', hasFailed: true });
    expect(exportStatusText(wordTools(), flow.getState())).toContain('filen ble ikke laget');
    isFailing = false;
    await flow.download();
    expect(flow.getState()).toMatchObject({ phase: 'saving', hasFailed: false });
  });
});
