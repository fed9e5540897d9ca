import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { summaryText } from '../../src/features/collector/batchWords.ts';
import { createSendAll, type SendAllState } from '../../src/features/collector/sendAll.ts';
import type { ServerStore } from '../../src/server/db/serverStore.ts';
import { injectFetch, startServer } from '../contract/support.ts';
import { plain, responseIdOf, spec, tablet, wordTools } from './tablet.ts';

/**
 * «Send alle» from a tablet to our real server (Fastify's `inject`): the
 * panel's state through a batch, and what it then says of each respondent.
 */
const ADMIN = 'admin-token-for-the-send-all-panel-0123';
const asAdmin = { authorization: `Bearer ${ADMIN}` };
let clock = 1_700_000_000_000;
const now = () => (clock += 10);
let app: FastifyInstance;
let server: ServerStore;

beforeEach(async () => {
  ({ app, store: server } = await startServer(spec, ADMIN, () => clock));
});

afterEach(async () => {
  await app.close();
  await server.close();
});

async function enrolledTablet() {
  const made = await app.inject({
    method: 'POST',
    url: '/api/admin/collectors',
    headers: asAdmin,
    payload: { label: 'Team Nord', questionnaireIds: [spec.id] },
  });
  const { id, link } = made.json<{ id: string; link: string }>();
  const device = await tablet({
    collectorId: id,
    token: link.split('/c/')[1] ?? '',
    link: injectFetch(app),
    now,
  });
  const panel = createSendAll({ send: device.sendAll, roster: () => device.collector.roster() });
  const states: SendAllState[] = [];
  panel.subscribe(() => states.push(panel.getState()));
  const revoke = () =>
    app.inject({ method: 'POST', url: `/api/admin/collectors/${id}/revoke`, headers: asAdmin });
  return { device, panel, states, revoke };
}

const offline: typeof fetch = () => Promise.reject(new TypeError('Failed to fetch'));

describe('«Send alle» against the real server', () => {
  it('runs once at a time, then says «sendt inn» only of the acknowledged submission and counts the copy removed', async () => {
    const { device, panel, states } = await enrolledTablet();
    await device.collect(1, { submit: true });
    await device.collect(2);
    await device.collect(3, { answer: false });

    await Promise.all([panel.start(), panel.start()]);
    // The second press while running did nothing: one batch, its progress from 0 to 2 of 2.
    const running = states.filter((s) => s.isRunning);
    expect(running.map((s) => s.progress?.done ?? null)).toEqual([null, 0, 0, 1, 1, 2, 2, 2]);
    expect(states.at(-1)?.isRunning).toBe(false);
    expect(running.map((s) => s.announced?.done ?? null)).toEqual([null, 0, 0, 1, 1, 1, 1, 1]);

    const summary = panel.getState().summary;
    expect(summary?.respondents.map((r) => [r.label, r.outcome, r.isRemoved])).toEqual([
      ['Arbeidsplass 1', 'submitted', true],
      ['Arbeidsplass 2', 'storedDraft', false],
    ]);
    expect(summary?.attention).toEqual([]);
    expect(summary && plain(summaryText(wordTools(), summary))).toBe(
      '1 svar er sendt inn og bekreftet av serveren. ' +
        '1 svar er lagret på serveren, men ikke sendt inn ennå. ' +
        'Én lokal kopi ble slettet fra enheten etter at serveren bekreftet svaret.',
    );
    expect(await device.drafts.get(responseIdOf(1))).toBeUndefined();
  });

  it('offline: nothing is said to be sent, the collector is told to try again on a network, and may', async () => {
    const { device, panel } = await enrolledTablet();
    await device.collect(1, { submit: true });
    await device.collect(2, { submit: true });
    device.relink(offline);

    await panel.start();
    const state = panel.getState();
    expect(state.isRunning).toBe(false);
    expect(state.summary?.respondents.map((r) => r.outcome)).toEqual(['offline', 'notTried']);
    expect(state.summary?.attention).toEqual([
      { kind: 'offline', labels: ['Arbeidsplass 1', 'Arbeidsplass 2'], problems: [] },
    ]);
    expect(state.summary && summaryText(wordTools(), state.summary)).not.toContain(
      'sendt inn og bekreftet',
    );

    device.relink(injectFetch(app));
    await panel.start();
    expect(panel.getState().summary?.respondents.map((r) => r.outcome)).toEqual([
      'submitted',
      'submitted',
    ]);
  });

  it('a revoked link: each response needs the survey owner or the export file', async () => {
    const { device, panel, revoke } = await enrolledTablet();
    await device.collect(1, { submit: true });
    await revoke();

    await panel.start();
    expect(panel.getState().summary?.attention).toEqual([
      { kind: 'access', labels: ['Arbeidsplass 1'], problems: [] },
    ]);
    expect(panel.getState().summary?.respondents[0]?.outcome).toBe('access');
  });

  it('a failure on the device itself is said, and the button works again', async () => {
    const panel = createSendAll({
      send: () => Promise.reject(new Error('IndexedDB went away')),
      roster: () => Promise.resolve([]),
    });
    await panel.start();
    expect(panel.getState()).toMatchObject({ isRunning: false, hasFailed: true, summary: null });
  });
});
