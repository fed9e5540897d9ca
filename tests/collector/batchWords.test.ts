import { describe, expect, it } from 'vitest';
import {
  ATTENTION_ORDER,
  attentionText,
  concernsText,
  isAnnounced,
  outcomeOf,
  OUTCOMES,
  outcomeText,
  progressText,
  summarise,
  summaryText,
} from '../../src/features/collector/batchWords.ts';
import type { BatchProgress, BatchResult } from '../../src/sync/batchSync.ts';
import { line } from './rosterLines.ts';
import { plain, responseIdOf, wordTools } from './tablet.ts';

const id = responseIdOf;
const acknowledged = (n: number, isRemoved = false): BatchResult => ({
  responseId: id(n),
  kind: 'acknowledged',
  isRemoved,
});
const queued = (
  n: number,
  reason: 'offline' | 'unavailable' | 'changing',
  isTried = true,
): BatchResult => ({ responseId: id(n), kind: 'queued', reason, isTried });
const attention = (
  n: number,
  reason: 'access' | 'invalid' | 'other',
  problem: string,
): BatchResult => ({ responseId: id(n), kind: 'attention', reason, problem });

describe('«Sendt inn» only for a submission the server acknowledged', () => {
  it('an acknowledgement is a submission only when the roster says the submitted revision is acknowledged', () => {
    const submitted = line(1, { status: 'submitted', revision: 3, acknowledged: 3 });
    const removed = line(2, { removed: true });
    const draft = line(3, { status: 'draft', revision: 2, acknowledged: 2 });
    // Submitted after this batch's acknowledgement of its draft: not yet acknowledged as submitted.
    const submittedSince = line(4, { status: 'submitted', revision: 3, acknowledged: 2 });
    expect(outcomeOf(acknowledged(1), submitted)).toBe('submitted');
    expect(outcomeOf(acknowledged(2, true), removed)).toBe('submitted');
    expect(outcomeOf(acknowledged(3), draft)).toBe('storedDraft');
    expect(outcomeOf(acknowledged(4), submittedSince)).toBe('storedDraft');
    expect(outcomeOf(acknowledged(5), undefined)).toBe('storedDraft');
  });

  it('a draft the server stored is said to be on the server and not submitted', () => {
    const tools = wordTools();
    expect(outcomeText(tools, 'submitted')).toBe('Sendt inn og bekreftet av serveren.');
    expect(outcomeText(tools, 'storedDraft')).toBe('Lagret på serveren, men ikke sendt inn ennå.');
    expect(outcomeText(wordTools('nn'), 'storedDraft')).toBe(
      'Lagra på serveren, men ikkje sendt inn enno.',
    );
  });

  it('a queued, refused or untried response is never acknowledged', () => {
    expect(outcomeOf(queued(1, 'offline'), undefined)).toBe('offline');
    expect(outcomeOf(queued(1, 'offline', false), undefined)).toBe('notTried');
    expect(outcomeOf(queued(1, 'unavailable'), undefined)).toBe('unavailable');
    expect(outcomeOf(queued(1, 'changing'), undefined)).toBe('changing');
    expect(outcomeOf(attention(1, 'access', 'not_found'), undefined)).toBe('access');
    expect(outcomeOf(attention(1, 'invalid', 'invalid_answers'), undefined)).toBe('invalid');
    expect(outcomeOf(attention(1, 'other', 'erased'), undefined)).toBe('refused');
    expect(outcomeOf({ responseId: id(1), kind: 'gone' }, undefined)).toBe('nothingToSend');
  });
});

describe('a batch summarised for the collector', () => {
  const roster = [
    line(1, { status: 'submitted', revision: 3, acknowledged: 3 }),
    line(2, { removed: true }),
    line(3, { status: 'draft', acknowledged: 2 }),
    line(4, { status: 'draft' }),
    line(5, { status: 'submitted', revision: 2, problem: 'invalid_answers' }),
    line(6, { status: 'submitted', revision: 2, problem: 'erased' }),
    line(7),
    line(8),
  ];

  it('names each respondent by roster label and counts what the server confirmed, what is left and what was removed', () => {
    const summary = summarise(
      {
        results: [
          acknowledged(1),
          acknowledged(2, true),
          acknowledged(3),
          attention(5, 'invalid', 'invalid_answers'),
          attention(6, 'other', 'erased'),
          queued(7, 'unavailable'),
          queued(8, 'unavailable', false),
          queued(9, 'unavailable', false),
        ],
        removedEarlier: [id(10), id(11)],
      },
      roster,
    );
    expect(summary.respondents.map((r) => [r.label, r.outcome, r.isRemoved])).toEqual([
      ['Arbeidsplass 1', 'submitted', false],
      ['Arbeidsplass 2', 'submitted', true],
      ['Arbeidsplass 3', 'storedDraft', false],
      ['Arbeidsplass 5', 'invalid', false],
      ['Arbeidsplass 6', 'refused', false],
      ['Arbeidsplass 7', 'unavailable', false],
      ['Arbeidsplass 8', 'notTried', false],
      // Not on the roster any more: named by its id rather than left out.
      [id(9), 'notTried', false],
    ]);
    expect(summary).toMatchObject({ submitted: 2, storedDraft: 1, notSent: 5, removed: 3 });
    // A batch that stopped puts what it did not try under the cause it stopped for.
    expect(summary.attention).toEqual([
      { kind: 'unavailable', labels: ['Arbeidsplass 7', 'Arbeidsplass 8', id(9)], problems: [] },
      { kind: 'invalid', labels: ['Arbeidsplass 5'], problems: [] },
      { kind: 'refused', labels: ['Arbeidsplass 6'], problems: ['erased'] },
    ]);
    expect(plain(summaryText(wordTools(), summary))).toBe(
      '2 svar er sendt inn og bekreftet av serveren. ' +
        '1 svar er lagret på serveren, men ikke sendt inn ennå. ' +
        '5 svar er ikke tatt imot av serveren. Se hva du kan gjøre nedenfor. ' +
        '3 lokale kopier ble slettet fra enheten etter at serveren bekreftet svarene.',
    );
  });

  it('offline: says so in the words the collector acts on, with whom it concerns', () => {
    const summary = summarise(
      { results: [queued(4, 'offline'), queued(7, 'offline', false)], removedEarlier: [] },
      roster,
    );
    const [item] = summary.attention;
    expect(item?.kind).toBe('offline');
    if (!item) return;
    expect(attentionText(wordTools(), item)).toBe(
      'Ingen nett – prøv igjen når enheten er på nett.',
    );
    expect(concernsText(wordTools(), item)).toBe('Gjelder: Arbeidsplass 4 og Arbeidsplass 7');
    expect(summaryText(wordTools(), summary)).not.toContain('bekreftet av serveren.');
    expect(summaryText(wordTools(), summary)).toContain('Ingen lokale kopier ble slettet');
  });

  it('a revoked or expired link sends the collector to the survey owner and to the export file', () => {
    const summary = summarise(
      { results: [attention(4, 'access', 'not_found')], removedEarlier: [] },
      roster,
    );
    const text = attentionText(
      wordTools(),
      summary.attention[0] ?? { kind: 'access', labels: [], problems: [] },
    );
    expect(text).toContain('trukket tilbake eller utløpt');
    expect(text).toContain('eier undersøkelsen');
    expect(text).toContain('eksportfilen');
  });

  it('a refusal the collector cannot name gives the server’s code for the survey owner', () => {
    const summary = summarise(
      {
        results: [attention(5, 'other', 'erased'), attention(6, 'other', 'erased')],
        removedEarlier: [],
      },
      roster,
    );
    expect(summary.attention).toHaveLength(1);
    expect(attentionText(wordTools(), summary.attention[0]!)).toContain('(kode: erased)');
  });

  it('nothing queued is said as such, with copies removed from earlier acknowledgements', () => {
    const tools = wordTools();
    expect(summaryText(tools, summarise({ results: [], removedEarlier: [] }, roster))).toBe(
      'Ingenting å sende. Serveren har fått alt som er svart på denne enheten.',
    );
    expect(summaryText(tools, summarise({ results: [], removedEarlier: [id(1)] }, roster))).toBe(
      'Ingenting å sende. Serveren har fått alt som er svart på denne enheten. ' +
        'Én lokal kopi ble slettet fra enheten etter at serveren bekreftet svaret.',
    );
  });

  it('every outcome and every attention has its words in Bokmål and Nynorsk', () => {
    for (const language of ['nb', 'nn'] as const) {
      const tools = wordTools(language);
      const said = [
        ...OUTCOMES.map((o) => outcomeText(tools, o)),
        ...ATTENTION_ORDER.map((kind) =>
          attentionText(tools, { kind, labels: ['A'], problems: ['x'] }),
        ),
      ];
      expect(said.filter((s) => s.startsWith('collectorPanels.'))).toEqual([]);
      expect(new Set(said).size).toBe(said.length);
    }
  });
});

describe('progress, said aloud a few times rather than at every response', () => {
  const at = (done: number, total: number, bytesSent = 0, bytesTotal = 0): BatchProgress => ({
    done,
    total,
    bytesSent,
    bytesTotal,
    current: null,
  });

  it('the first report, then about each tenth; the end is left to the summary', () => {
    const said: number[] = [];
    let last: number | null = null;
    for (let done = 0; done <= 100; done++) {
      // The batch reports twice per response: when it starts one, and when it is done with it.
      for (const report of [at(done, 100), at(done, 100)])
        if (isAnnounced(last, report)) {
          said.push(report.done);
          last = report.done;
        }
    }
    expect(said).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
  });

  it('a short batch is said response by response', () => {
    expect(isAnnounced(0, at(1, 3))).toBe(true);
    expect(isAnnounced(1, at(1, 3))).toBe(false);
    expect(isAnnounced(2, at(3, 3))).toBe(false);
  });

  it('reads «n av N svar behandlet, x av y kB»', () => {
    expect(plain(progressText(wordTools(), at(3, 7, 3_240, 12_000)))).toBe(
      '3 av 7 svar behandlet, 3,2 av 12 kB',
    );
    expect(plain(progressText(wordTools('nn'), at(1_200, 2_000, 1_500_000, 2_500_000)))).toBe(
      '1 200 av 2 000 svar handsama, 1,5 av 2,5 MB',
    );
  });
});
