import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { createCollectorStore, type NewEnrolment } from '../../src/storage/collector.ts';
import { CollectorError } from '../../src/storage/collected.ts';
import { DATABASE_NAME } from '../../src/storage/database.ts';
import { createDraftStore } from '../../src/storage/drafts.ts';
import { readEnrolmentDirect } from '../../src/storage/lazy.ts';
import { createOutbox } from '../../src/storage/outbox.ts';
import type { CollectorRecord } from '../../src/storage/schema.ts';
import frozenV3 from './fixtures/v3-device.json';
import { testDatabase } from './testDatabases.ts';

/**
 * A collector device's records (SYNC.md SY14–SY19): the enrolment, one
 * roster row per collected response, and the rules for letting answers leave
 * the device. The sending itself is in tests/sync/collector.test.ts.
 */
const Q = { id: 'feltarbeid', version: 1 };
const COLLECTOR = '7d3b6f0e-1c2a-4c4b-9a55-0e6f8d2c1b3a';
const ids = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const enrolment = (extra: Partial<NewEnrolment> = {}): NewEnrolment => ({
  collectorId: COLLECTOR,
  token: 'collector-token-'.padEnd(43, 'x'),
  label: 'Team Nord',
  questionnaireIds: [Q.id],
  expiresAt: 9_000_000,
  enrolledAt: 1000,
  ...extra,
});

function device() {
  const db = testDatabase();
  return {
    db,
    collector: createCollectorStore(db),
    drafts: createDraftStore(db, db),
    outbox: createOutbox(db),
  };
}

type Device = ReturnType<typeof device>;

async function enrolled(): Promise<Device> {
  const d = device();
  await d.collector.enrol(enrolment());
  return d;
}

const start = (d: Device, n: number, label = `Arbeidsplass ${n}`, now = 1000 + n) =>
  d.collector.startRespondent({
    questionnaire: Q,
    label,
    responseId: ids(n),
    respondentToken: `respondent-token-${n}`.padEnd(43, 'r'),
    now,
  });

/** A collected response answered and, if asked, submitted. */
async function answered(d: Device, n: number, submit = false) {
  await start(d, n);
  await d.drafts.saveAnswers(ids(n), { k1: 'helt_enig' }, 2000 + n);
  return submit ? d.drafts.submit(ids(n), 3000 + n) : d.drafts.get(ids(n));
}

/** What the sender records for an acknowledgement of the draft's current revision (SY6). */
async function acknowledge(d: Device, n: number, at = 5000) {
  const draft = await d.drafts.get(ids(n));
  await d.outbox.markSent(ids(n), draft?.revision ?? 0, at);
}

const stateOf = async (d: Device, n: number) =>
  (await d.collector.roster()).find((e) => e.respondent.responseId === ids(n));

describe('version 4: field collection', () => {
  it('upgrades a database written by version 3: drafts, outbox, credentials and benchmarks are kept as they were', async () => {
    // Frozen copy of the version 1–3 declarations, as shipped.
    const v3 = new Dexie(DATABASE_NAME);
    v3.version(1).stores({ drafts: 'id, questionnaireId, updatedAt, status' });
    v3.version(2).stores({ outbox: 'responseId, nextAttemptAt', credentials: 'responseId' });
    v3.version(3).stores({ benchmarks: 'questionnaireId' });
    for (const table of ['drafts', 'outbox', 'credentials', 'benchmarks'] as const)
      await v3.table(table).bulkPut(frozenV3[table]);
    v3.close();
    // The app's first read finds no collector table there, and so nobody holding the device.
    expect(await readEnrolmentDirect()).toBeUndefined();

    const d = device();
    const [frozenDraft] = frozenV3.drafts;
    const id = frozenDraft?.id ?? '';
    expect(await d.db.drafts.toArray()).toEqual(frozenV3.drafts);
    expect(await d.db.outbox.toArray()).toEqual(frozenV3.outbox);
    expect(await d.db.credentials.toArray()).toEqual(frozenV3.credentials);
    expect(await d.db.benchmarks.toArray()).toEqual(frozenV3.benchmarks);
    expect(await d.collector.getEnrolment()).toBeUndefined();
    expect(await d.collector.roster()).toEqual([]);
    // The old draft goes on as before, and the device can enrol and collect beside it.
    expect((await d.drafts.saveAnswers(id, { q: 'ja' }, 6000)).revision).toBe(3);
    await d.collector.enrol(enrolment());
    await start(d, 1);
    expect((await d.collector.roster()).map((e) => e.respondent.responseId)).toEqual([ids(1)]);
    expect(await d.outbox.credential(id)).toEqual(frozenV3.credentials[0]);
  });
});

describe('enrolment (SY15)', () => {
  it('keeps what the server said, with no PIN until one is set; enrolling again with the same collector keeps PIN and settings', async () => {
    const d = device();
    expect(await d.collector.enrol(enrolment())).toMatchObject({ kind: 'enrolled' });
    expect(await d.collector.getEnrolment()).toEqual({
      ...enrolment(),
      pin: null,
      keepReadOnlyCopies: false,
      activeRespondent: null,
      wrongPins: null,
    });
    const pin = { salt: 'c2FsdA==', iterations: 210_000, hash: 'aGFzaA==' };
    await d.collector.setPin(pin);
    await d.collector.setKeepReadOnlyCopies(true);
    await d.collector.enrol(enrolment({ label: 'Team Nord-Norge', expiresAt: 10_000_000 }));
    expect(await d.collector.getEnrolment()).toMatchObject({
      label: 'Team Nord-Norge',
      expiresAt: 10_000_000,
      enrolledAt: 1000,
      pin,
      keepReadOnlyCopies: true,
    });
    expect(await d.db.collector.count()).toBe(1);
  });

  it('another collector is refused while responses of this one are on the device; after forgetting it, it enrols', async () => {
    const d = await enrolled();
    await start(d, 1);
    const other = enrolment({ collectorId: 'aaaaaaaa-1c2a-4c4b-9a55-0e6f8d2c1b3a' });
    expect(await d.collector.enrol(other)).toEqual({ kind: 'refused', reason: 'other_collector' });
    expect((await d.collector.getEnrolment())?.collectorId).toBe(COLLECTOR);
    expect(await d.collector.forgetDevice()).toEqual({ kind: 'forgotten', responses: 1 });
    expect(await d.collector.enrol(other)).toMatchObject({ kind: 'enrolled' });
  });

  it('a PIN or setting cannot be stored on a device that is not enrolled', async () => {
    const d = device();
    const error = await d.collector
      .setPin({ salt: 'a', iterations: 1, hash: 'b' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CollectorError);
    expect(error).toMatchObject({ reason: 'not_enrolled' });
  });
});

describe('startRespondent', () => {
  it('writes the draft, its outbox row, the collector credential and the roster row together', async () => {
    const d = await enrolled();
    const { draft, respondent } = await start(d, 1, 'Bakeriet på hjørnet', 1500);
    expect(draft).toMatchObject({
      id: ids(1),
      questionnaireId: Q.id,
      revision: 0,
      status: 'draft',
    });
    expect(await d.drafts.get(ids(1))).toEqual(draft);
    expect(await d.outbox.get(ids(1))).toMatchObject({ queuedRevision: 0, sentRevision: 0 });
    expect(await d.outbox.credential(ids(1))).toEqual({
      responseId: ids(1),
      token: enrolment().token,
      kind: 'collector',
    });
    expect(respondent).toEqual({
      responseId: ids(1),
      collectorId: COLLECTOR,
      questionnaireId: Q.id,
      label: 'Bakeriet på hjørnet',
      respondentToken: 'respondent-token-1'.padEnd(43, 'r'),
      createdAt: 1500,
      exportedRevision: null,
      removed: null,
    });
    expect(await d.outbox.respondentToken(ids(1))).toBe(respondent.respondentToken);
  });

  it('writes nothing when any part fails: not enrolled, a questionnaire outside the link, a write refused', async () => {
    const bare = device();
    await expect(start(bare, 1)).rejects.toMatchObject({ reason: 'not_enrolled' });

    const d = await enrolled();
    const outside = d.collector.startRespondent({
      questionnaire: { id: 'annen', version: 1 },
      label: 'x',
      responseId: ids(2),
      respondentToken: 'r'.repeat(43),
      now: 1,
    });
    await expect(outside).rejects.toMatchObject({ reason: 'out_of_scope' });

    // A stray roster row with the same id makes the last write of the transaction fail.
    await d.db.respondents.add({
      responseId: ids(3),
      collectorId: COLLECTOR,
      questionnaireId: Q.id,
      label: 'stray',
      respondentToken: 't',
      createdAt: 1,
      exportedRevision: null,
      removed: null,
    });
    await expect(start(d, 3)).rejects.toMatchObject({ name: 'ConstraintError' });
    for (const id of [ids(1), ids(2), ids(3)]) {
      expect(await d.drafts.get(id)).toBeUndefined();
      expect(await d.outbox.get(id)).toBeUndefined();
      expect(await d.outbox.credential(id)).toBeUndefined();
    }
  });
});

describe('roster: an honest state per respondent (SY12)', () => {
  it('on this device, backed up, submitting, submitted, needs attention; newest first, with the last change', async () => {
    const d = await enrolled();
    await start(d, 1);
    await answered(d, 2);
    await answered(d, 3);
    await acknowledge(d, 3, 7000);
    await answered(d, 4, true);
    await answered(d, 5, true);
    await acknowledge(d, 5, 8000);
    await answered(d, 6, true);
    await d.outbox.markProblem(ids(6), 'not_found', 99_999);

    const roster = await d.collector.roster();
    expect(roster.map((e) => [e.respondent.label, e.delivery, e.isSafe])).toEqual([
      ['Arbeidsplass 6', { kind: 'attention', problem: 'not_found' }, false],
      ['Arbeidsplass 5', { kind: 'submitted', at: 8000 }, true],
      ['Arbeidsplass 4', { kind: 'submitting' }, false],
      ['Arbeidsplass 3', { kind: 'backedUp', at: 7000 }, true],
      ['Arbeidsplass 2', { kind: 'device' }, false],
      // Never answered: nothing to lose.
      ['Arbeidsplass 1', { kind: 'device' }, true],
    ]);
    expect(roster.find((e) => e.respondent.label === 'Arbeidsplass 4')?.lastChange).toBe(3004);
    expect(roster.find((e) => e.respondent.label === 'Arbeidsplass 2')?.draft?.answers).toEqual({
      k1: 'helt_enig',
    });
  });

  it('a backup of an older revision is not a backup of what is on the device', async () => {
    const d = await enrolled();
    await answered(d, 1);
    await acknowledge(d, 1);
    await d.drafts.saveAnswers(ids(1), { k1: 'delvis_enig' }, 6000);
    expect(await stateOf(d, 1)).toMatchObject({
      delivery: { kind: 'device' },
      isAcknowledged: false,
      isSafe: false,
    });
  });

  it('SY18: an exported revision is safe; a change after the export is not', async () => {
    const d = await enrolled();
    await answered(d, 1);
    await d.collector.markExported([{ responseId: ids(1), revision: 1 }]);
    expect(await stateOf(d, 1)).toMatchObject({ isExported: true, isSafe: true });
    await d.drafts.saveAnswers(ids(1), { k1: 'delvis_enig' }, 6000);
    expect(await stateOf(d, 1)).toMatchObject({ isExported: false, isSafe: false });
    // An older file does not lower what a newer one holds.
    await d.collector.markExported([{ responseId: ids(1), revision: 2 }]);
    await d.collector.markExported([{ responseId: ids(1), revision: 1 }]);
    expect((await d.collector.respondent(ids(1)))?.exportedRevision).toBe(2);
  });
});

describe('roster: a lost draft', () => {
  it('answers gone without a recorded removal are lost, not «on this device», and not safe', async () => {
    const d = await enrolled();
    await answered(d, 1);
    await start(d, 2);
    // Storage cleared under the roster, or a row deleted: nothing recorded a removal.
    await d.db.drafts.bulkDelete([ids(1), ids(2)]);
    const expected = {
      draft: null,
      delivery: { kind: 'lost' },
      isAcknowledged: false,
      isSafe: false,
    };
    expect(await stateOf(d, 1)).toMatchObject({ ...expected, lastChange: 1001 });
    // Even one never answered: what it held is not known once it is gone.
    expect(await stateOf(d, 2)).toMatchObject(expected);
    expect(await d.collector.unacknowledged()).toEqual([]);
    expect(await d.collector.removeAcknowledged(ids(1), 9000)).toEqual({
      kind: 'refused',
      reason: 'not_submitted',
    });
  });

  it('a lost response does not hold forgetDevice back: its answers are gone already, keeping the device cannot bring them back', async () => {
    const d = await enrolled();
    await answered(d, 1, true);
    await acknowledge(d, 1);
    await answered(d, 2);
    await d.db.drafts.delete(ids(2));
    expect(await d.collector.forgetDevice()).toEqual({ kind: 'forgotten', responses: 2 });
    expect(await d.collector.getEnrolment()).toBeUndefined();
    expect(await d.db.respondents.count()).toBe(0);
  });

  it('forgetDevice still refuses for answers here that the server has not acknowledged, beside a lost one', async () => {
    const d = await enrolled();
    await answered(d, 1);
    await answered(d, 2);
    await d.db.drafts.delete(ids(2));
    const outcome = await d.collector.forgetDevice();
    expect(outcome.kind).toBe('refused');
    if (outcome.kind !== 'refused') return;
    expect(outcome.unsafe.map((e) => e.respondent.label)).toEqual(['Arbeidsplass 1']);
  });
});

describe('handing the device over', () => {
  const PIN = { salt: 'c2FsdA==', iterations: 210_000, hash: 'aGFzaA==' };

  async function withPin(): Promise<Device> {
    const d = await enrolled();
    await d.collector.setPin(PIN);
    return d;
  }

  it('handOver keeps the respondent in IndexedDB, so a new connection (a reload, a restart) still has it; takeBack clears it', async () => {
    const d = await withPin();
    await start(d, 1);
    await d.collector.handOver(ids(1));
    expect((await d.collector.getEnrolment())?.activeRespondent).toBe(ids(1));
    const reopened = createCollectorStore(testDatabase());
    expect((await reopened.getEnrolment())?.activeRespondent).toBe(ids(1));
    await reopened.takeBack(9000);
    expect((await d.collector.getEnrolment())?.activeRespondent).toBeNull();
  });

  it('counts wrong PINs in IndexedDB until the device is taken back or handed over again', async () => {
    const d = await withPin();
    await start(d, 1);
    await d.collector.handOver(ids(1));
    expect(await d.collector.recordWrongPin(7000)).toBe(1);
    expect(await createCollectorStore(testDatabase()).recordWrongPin(7100)).toBe(2);
    expect((await d.collector.getEnrolment())?.wrongPins).toEqual({ count: 2, lastAt: 7100 });
    await d.collector.takeBack(9000);
    expect((await d.collector.getEnrolment())?.wrongPins).toBeNull();
    await d.collector.recordWrongPin(8000);
    await d.collector.handOver(ids(1));
    expect((await d.collector.getEnrolment())?.wrongPins).toBeNull();
  });

  it('keeps an acknowledged submission while its respondent holds the device (their receipt reads it), and removes it when taken back', async () => {
    const d = await withPin();
    await answered(d, 1, true);
    await d.collector.handOver(ids(1));
    await acknowledge(d, 1, 7000);
    expect(await d.collector.removeAcknowledged(ids(1), 8000)).toEqual({
      kind: 'refused',
      reason: 'in_use',
    });
    expect(await d.collector.removeAllAcknowledged(8000)).toEqual([]);
    expect(await d.drafts.get(ids(1))).toBeDefined();
    await d.collector.takeBack(9000);
    expect(await d.drafts.get(ids(1))).toBeUndefined();
    expect((await stateOf(d, 1))?.respondent.removed).toEqual({ at: 9000, acknowledgedAt: 7000 });
  });

  it('taking back a draft not submitted keeps it', async () => {
    const d = await withPin();
    await answered(d, 1);
    await d.collector.handOver(ids(1));
    await d.collector.takeBack(9000);
    expect((await d.drafts.get(ids(1)))?.answers).toEqual({ k1: 'helt_enig' });
  });

  it('refuses without an enrolment, without a PIN, and for a response not collected here or whose answers are gone', async () => {
    await expect(device().collector.handOver(ids(1))).rejects.toMatchObject({
      reason: 'not_enrolled',
    });
    const d = await enrolled();
    await start(d, 3);
    await expect(d.collector.handOver(ids(3))).rejects.toMatchObject({ reason: 'no_pin' });
    await d.collector.setPin(PIN);
    await answered(d, 1, true);
    await acknowledge(d, 1);
    await d.collector.removeAcknowledged(ids(1), 9000);
    await answered(d, 2);
    await d.db.drafts.delete(ids(2));
    await d.drafts.create(Q, ids(9), 1000);
    for (const n of [1, 2, 9, 10])
      await expect(d.collector.handOver(ids(n))).rejects.toMatchObject({
        reason: 'not_collected',
      });
    expect((await d.collector.getEnrolment())?.activeRespondent).toBeNull();
  });

  it('the app’s first read (one plain IndexedDB request) sees who has the device, and finds nothing where nobody enrolled', async () => {
    expect(await readEnrolmentDirect()).toBeUndefined();
    const d = await withPin();
    await start(d, 1);
    await d.collector.handOver(ids(1));
    expect(await readEnrolmentDirect()).toMatchObject({
      collectorId: COLLECTOR,
      activeRespondent: ids(1),
    });
  });

  it('reads an enrolment stored before these fields existed as held by the collector, and hands it over', async () => {
    const d = device();
    // A version 4 row as the first release of field collection wrote it.
    await d.db.collector.put({
      collectorId: COLLECTOR,
      token: enrolment().token,
      label: 'Team Nord',
      questionnaireIds: [Q.id],
      expiresAt: 9_000_000,
      enrolledAt: 1000,
      pin: PIN,
      keepReadOnlyCopies: false,
    } as unknown as CollectorRecord);
    expect(await d.collector.getEnrolment()).toMatchObject({
      activeRespondent: null,
      wrongPins: null,
    });
    await start(d, 1);
    await d.collector.handOver(ids(1));
    expect((await d.collector.getEnrolment())?.activeRespondent).toBe(ids(1));
  });
});

describe('removeAcknowledged', () => {
  it('refuses a draft, a submission not acknowledged, one acknowledged only at an older revision, and a response not collected', async () => {
    const d = await enrolled();
    await answered(d, 1);
    await acknowledge(d, 1);
    await answered(d, 2, true);
    await answered(d, 3);
    await acknowledge(d, 3);
    await d.drafts.submit(ids(3), 6000);
    await d.drafts.create(Q, ids(9), 1000);

    const refused = (reason: string) => ({ kind: 'refused', reason });
    expect(await d.collector.removeAcknowledged(ids(1), 9000)).toEqual(refused('not_submitted'));
    expect(await d.collector.removeAcknowledged(ids(2), 9000)).toEqual(refused('not_acknowledged'));
    expect(await d.collector.removeAcknowledged(ids(3), 9000)).toEqual(refused('not_acknowledged'));
    expect(await d.collector.removeAcknowledged(ids(9), 9000)).toEqual(refused('not_collected'));
    for (const n of [1, 2, 3, 9]) expect(await d.drafts.get(ids(n))).toBeDefined();
  });

  it('removes an acknowledged submission’s answers, outbox row and credential; its roster line stays, submitted', async () => {
    const d = await enrolled();
    await answered(d, 1, true);
    await acknowledge(d, 1, 7000);
    expect(await d.collector.removeAcknowledged(ids(1), 9000)).toEqual({ kind: 'removed' });
    expect(await d.drafts.get(ids(1))).toBeUndefined();
    expect(await d.outbox.get(ids(1))).toBeUndefined();
    expect(await d.outbox.credential(ids(1))).toBeUndefined();
    expect(await stateOf(d, 1)).toMatchObject({
      draft: null,
      lastChange: 9000,
      delivery: { kind: 'submitted', at: 7000 },
      isSafe: true,
      respondent: { label: 'Arbeidsplass 1', removed: { at: 9000, acknowledgedAt: 7000 } },
    });
    // Again: already done, nothing changes.
    expect(await d.collector.removeAcknowledged(ids(1), 9500)).toEqual({ kind: 'removed' });
    expect((await d.collector.respondent(ids(1)))?.removed?.at).toBe(9000);
  });

  it('keeps the copy while the collector keeps read-only copies', async () => {
    const d = await enrolled();
    await d.collector.setKeepReadOnlyCopies(true);
    await answered(d, 1, true);
    await acknowledge(d, 1);
    expect(await d.collector.removeAcknowledged(ids(1), 9000)).toEqual({
      kind: 'refused',
      reason: 'kept',
    });
    expect(await d.collector.removeAllAcknowledged(9000)).toEqual([]);
    await d.collector.setKeepReadOnlyCopies(false);
    expect(await d.collector.removeAllAcknowledged(9000)).toEqual([ids(1)]);
    expect(await d.drafts.get(ids(1))).toBeUndefined();
  });
});

describe('forgetDevice', () => {
  it('refuses while anything would be lost, naming it, and removes nothing', async () => {
    const d = await enrolled();
    await answered(d, 1, true);
    await acknowledge(d, 1);
    await answered(d, 2);
    await answered(d, 3, true);
    const outcome = await d.collector.forgetDevice();
    expect(outcome.kind).toBe('refused');
    if (outcome.kind !== 'refused') return;
    expect(outcome.unsafe.map((e) => [e.respondent.label, e.delivery.kind])).toEqual([
      ['Arbeidsplass 3', 'submitting'],
      ['Arbeidsplass 2', 'device'],
    ]);
    expect(await d.collector.roster()).toHaveLength(3);
    expect(await d.collector.getEnrolment()).toBeDefined();
  });

  it('once each is acknowledged or exported at its revision, removes the enrolment and every collected response, and nothing else', async () => {
    const d = await enrolled();
    await answered(d, 1, true);
    await acknowledge(d, 1);
    await d.collector.removeAcknowledged(ids(1), 9000);
    await answered(d, 2);
    await acknowledge(d, 2);
    await answered(d, 3, true);
    await d.collector.markExported([{ responseId: ids(3), revision: 2 }]);
    await start(d, 4);
    await d.drafts.create(Q, ids(9), 1000);

    expect(await d.collector.forgetDevice()).toEqual({ kind: 'forgotten', responses: 4 });
    expect(await d.collector.getEnrolment()).toBeUndefined();
    expect(await d.collector.roster()).toEqual([]);
    expect((await d.drafts.list()).map((draft) => draft.id)).toEqual([ids(9)]);
    expect(await d.db.outbox.count()).toBe(1);
    expect(await d.db.credentials.count()).toBe(0);
  });
});
