import { describe, expect, it } from 'vitest';
import { enrolDevice, type EnrolDeps } from '../../src/features/collector/enrolDevice.ts';
import { progressOf, rosterLine } from '../../src/features/collector/rosterLine.ts';
import type { EnrolResult } from '../../src/sync/client.ts';
import {
  newDraftRecord,
  rosterEntry,
  unsentOutbox,
  type CollectorRecord,
  type DraftRecord,
  type OutboxRecord,
  type RespondentRecord,
} from '../../src/storage/lazy.ts';
import { inlineSpec, likert, t } from '../fixtures/inlineSpec.ts';

/** The roster's words per line and the enrolment's outcomes (issue 15, items 1–2). */
const ID = '00000000-0000-4000-8000-000000000001';

const respondent = (removed: RespondentRecord['removed'] = null): RespondentRecord => ({
  responseId: ID,
  collectorId: 'c0000000-0000-4000-8000-000000000001',
  questionnaireId: 'test',
  label: 'Bakeriet',
  respondentToken: 'r'.repeat(43),
  createdAt: 1000,
  exportedRevision: null,
  removed,
});

const draft = (change: Partial<DraftRecord> = {}): DraftRecord => ({
  ...newDraftRecord({ id: 'test', version: 1 }, ID, 1000),
  revision: 2,
  ...change,
});

const row = (change: Partial<OutboxRecord> = {}): OutboxRecord => ({
  ...unsentOutbox(ID, 2),
  ...change,
});

describe('a roster line says where the answers are, and nothing more', () => {
  it.each([
    ['device', draft(), row(), { state: 'device', at: null, canContinue: true }],
    [
      'backed up at its revision',
      draft(),
      row({ sentRevision: 2, sentAt: 5000 }),
      { state: 'backedUp', at: 5000, canContinue: true },
    ],
    [
      'submitted, not yet acknowledged',
      draft({ status: 'submitted' }),
      row({ sentRevision: 1, sentAt: 5000 }),
      { state: 'submitting', at: null, canContinue: false },
    ],
    [
      'submitted and acknowledged',
      draft({ status: 'submitted' }),
      row({ sentRevision: 2, sentAt: 6000 }),
      { state: 'submitted', at: 6000, canContinue: false },
    ],
    [
      'refused: the link no longer counts',
      draft(),
      row({ problem: 'not_found' }),
      { state: 'attention', attention: 'access', canContinue: true },
    ],
    [
      'refused: the answers',
      draft({ status: 'submitted' }),
      row({ problem: 'invalid_answers' }),
      { state: 'attention', attention: 'invalid', canContinue: false },
    ],
  ] as const)('%s', (_, d, r, expected) => {
    expect(rosterLine(rosterEntry(respondent(), d, r))).toMatchObject(expected);
  });

  it('removed after acknowledgement: submitted at the acknowledgement, nothing to continue', () => {
    const entry = rosterEntry(respondent({ at: 9000, acknowledgedAt: 7000 }), undefined, undefined);
    expect(rosterLine(entry)).toEqual({
      state: 'removed',
      at: 7000,
      attention: null,
      canContinue: false,
    });
  });

  it('answers gone without a removal: lost, never «on this device»', () => {
    expect(rosterLine(rosterEntry(respondent(), undefined, row()))).toEqual({
      state: 'lost',
      at: null,
      attention: null,
      canContinue: false,
    });
  });
});

describe('progress', () => {
  const spec = inlineSpec([
    {
      id: 's1',
      title: t('S1'),
      questions: [
        { id: 'gate', type: 'single', scale: 'JN', text: t('Gate') },
        likert('follow', { visibleIf: { equals: 'gate', value: 'ja' } }),
        likert('last'),
      ],
    },
  ]);

  it('counts answered questions among the visible ones; a hidden question counts neither way', () => {
    expect(progressOf(spec, {})).toEqual({ answered: 0, total: 2 });
    expect(progressOf(spec, { gate: 'ja' })).toEqual({ answered: 1, total: 3 });
    expect(progressOf(spec, { gate: 'ja', follow: 'helt_enig' })).toEqual({
      answered: 2,
      total: 3,
    });
    // An answer left behind by a question now hidden is not progress.
    expect(progressOf(spec, { gate: 'nei', follow: 'helt_enig' })).toEqual({
      answered: 1,
      total: 2,
    });
  });
});

describe('enrolDevice (SY15)', () => {
  const server = {
    collectorId: '7d3b6f0e-1c2a-4c4b-9a55-0e6f8d2c1b3a',
    label: 'Team Nord',
    questionnaireIds: ['test'],
    expiresAt: 9_000_000,
  };
  const kept: CollectorRecord = {
    ...server,
    token: 'T'.repeat(43),
    enrolledAt: 1000,
    pin: null,
    keepReadOnlyCopies: false,
    activeRespondent: null,
    wrongPins: null,
  };

  function deps(reply: EnrolResult, outcome: 'enrolled' | 'refused' | 'throws' = 'enrolled') {
    const stored: unknown[] = [];
    const enrolDeps: EnrolDeps = {
      enrol: () => Promise.resolve(reply),
      now: () => 4242,
      store: () =>
        Promise.resolve({
          getEnrolment: () => Promise.resolve(stored.length > 0 ? kept : undefined),
          enrol: (next) => {
            if (outcome === 'throws') return Promise.reject(new Error('QuotaExceededError'));
            stored.push(next);
            return Promise.resolve(
              outcome === 'enrolled'
                ? { kind: 'enrolled' as const, enrolment: kept }
                : { kind: 'refused' as const, reason: 'other_collector' as const },
            );
          },
        }),
    };
    return { enrolDeps, stored };
  }

  it('keeps what the server said with the token and the time', async () => {
    const { enrolDeps, stored } = deps({ kind: 'enrolled', enrolment: server });
    expect(await enrolDevice('T'.repeat(43), enrolDeps)).toEqual({
      kind: 'enrolled',
      enrolment: kept,
    });
    expect(stored).toEqual([{ ...server, token: 'T'.repeat(43), enrolledAt: 4242 }]);
  });

  it.each([
    [{ kind: 'not_found' } as const, 'not_found'],
    [{ kind: 'offline' } as const, 'offline'],
    [{ kind: 'unavailable' } as const, 'unavailable'],
  ])('stores nothing when the server says %o', async (reply, problem) => {
    const { enrolDeps, stored } = deps(reply);
    expect(await enrolDevice('T'.repeat(43), enrolDeps)).toEqual({ kind: 'problem', problem });
    expect(stored).toEqual([]);
  });

  it('names another collector’s responses on the device, and a store that fails', async () => {
    const enrolled = { kind: 'enrolled', enrolment: server } as const;
    expect(await enrolDevice('T'.repeat(43), deps(enrolled, 'refused').enrolDeps)).toEqual({
      kind: 'problem',
      problem: 'other_collector',
    });
    expect(await enrolDevice('T'.repeat(43), deps(enrolled, 'throws').enrolDeps)).toEqual({
      kind: 'problem',
      problem: 'failed',
    });
  });

  it('without a token (the address was cleared, then reloaded) shows the enrolment kept, or says the link is missing', async () => {
    const { enrolDeps } = deps({ kind: 'offline' });
    expect(await enrolDevice(null, enrolDeps)).toEqual({ kind: 'problem', problem: 'missing' });
    const again = deps({ kind: 'enrolled', enrolment: server });
    await enrolDevice('T'.repeat(43), again.enrolDeps);
    expect(await enrolDevice(null, again.enrolDeps)).toEqual({ kind: 'enrolled', enrolment: kept });
  });
});
