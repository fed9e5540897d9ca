import 'fake-indexeddb/auto';
import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashPin, type PinCrypto } from '../../src/features/collector/pin.ts';
import { tryTakeBack, waitInForce } from '../../src/features/collector/takeBack.ts';
import { createCollectorStore } from '../../src/storage/collector.ts';
import { testDatabase } from '../storage/testDatabases.ts';

/**
 * Taking the device back from a respondent with the collector's PIN, over the
 * real collector store (fake IndexedDB) and WebCrypto.
 */
const crypto = webcrypto as unknown as PinCrypto;
const RESPONSE = '00000000-0000-4000-8000-000000000001';
const PIN = '482915';

async function handedOver() {
  const store = createCollectorStore(testDatabase());
  await store.enrol({
    collectorId: '7d3b6f0e-1c2a-4c4b-9a55-0e6f8d2c1b3a',
    token: 'collector-token-'.padEnd(43, 'x'),
    label: 'Team Nord',
    questionnaireIds: ['feltarbeid'],
    expiresAt: 9_000_000,
    enrolledAt: 1000,
  });
  await store.setPin(await hashPin(crypto, PIN, 1000));
  await store.startRespondent({
    questionnaire: { id: 'feltarbeid', version: 1 },
    label: 'Bakeriet',
    responseId: RESPONSE,
    respondentToken: 'r'.repeat(43),
    now: 1000,
  });
  await store.handOver(RESPONSE);
  let clock = 10_000;
  const deps = { store, crypto, now: () => clock };
  return { store, deps, at: (ms: number) => (clock = ms) };
}

describe('taking the device back', () => {
  it('the right PIN takes it back: nobody holds it, and the wrong count starts over', async () => {
    const { store, deps } = await handedOver();
    expect(await tryTakeBack(deps, '111111')).toEqual({ kind: 'wrong', count: 1, nextTryAt: 0 });
    expect(await tryTakeBack(deps, PIN)).toEqual({ kind: 'taken' });
    expect(await store.getEnrolment()).toMatchObject({ activeRespondent: null, wrongPins: null });
  });

  it('a wrong PIN leaves the respondent holding it; from the fifth in a row each next try waits, and a try too soon is not even checked', async () => {
    const { store, deps, at } = await handedOver();
    for (const n of [1, 2, 3, 4])
      expect(await tryTakeBack(deps, `00000${n}`)).toMatchObject({ kind: 'wrong', count: n });
    expect(await tryTakeBack(deps, '000005')).toEqual({
      kind: 'wrong',
      count: 5,
      nextTryAt: 40_000,
    });
    at(39_999);
    // Even the right PIN waits: otherwise waiting would not slow anyone guessing.
    expect(await tryTakeBack(deps, PIN)).toEqual({ kind: 'wait', count: 5, nextTryAt: 40_000 });
    expect((await store.getEnrolment())?.activeRespondent).toBe(RESPONSE);
    at(40_000);
    expect(await tryTakeBack(deps, '000006')).toEqual({
      kind: 'wrong',
      count: 6,
      nextTryAt: 100_000,
    });
    at(100_000);
    expect(await tryTakeBack(deps, PIN)).toEqual({ kind: 'taken' });
  });

  it('a reload (a new connection) keeps the count and the wait in force', async () => {
    const { deps, at } = await handedOver();
    for (const n of [1, 2, 3, 4, 5]) await tryTakeBack(deps, `00000${n}`);
    const reloaded = { ...deps, store: createCollectorStore(testDatabase()) };
    expect(await waitInForce(reloaded)).toEqual({ count: 5, nextTryAt: 40_000 });
    at(40_000);
    expect(await waitInForce(reloaded)).toBeNull();
  });
});
