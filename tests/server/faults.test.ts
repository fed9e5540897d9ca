import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { sealExportFile } from '../../src/contract/index.ts';
import { buildServer } from '../../src/server/app.ts';
import { openServerDatabase } from '../../src/server/db/database.ts';
import { createServerStore } from '../../src/server/db/serverStore.ts';
import { registryOf } from '../../src/server/questionnaireRegistry.ts';
import { isStorageUnavailable } from '../../src/server/storageErrors.ts';
import { sha256Hex } from '../../src/server/tokens.ts';
import { inlineSpec, likert, t } from '../fixtures/inlineSpec.ts';
import { freshDatabase, POSTGRES_URL, terminateConnections } from './databases.ts';

/**
 * SY11: a database that cannot write is a 503 with Retry-After, never a
 * 4xx the client would take as final; once it can write again the same
 * requests succeed, so no response is stranded.
 */
const spec = inlineSpec([{ id: 's', title: t('S'), questions: [likert('k1')] }], {
  id: 'fault-survey',
});

describe('storage failures', () => {
  it('SY11: an open-link claim and a save while the database refuses writes get 503 and succeed afterwards', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'barometer-fault-')), 'fault.sqlite');
    const db = await openServerDatabase({ kind: 'sqlite', file });
    const store = createServerStore(db);
    const app = await buildServer({ store, registry: registryOf([spec]) });
    try {
      const responseId = randomUUID();
      const claim = () =>
        app.inject({
          method: 'POST',
          url: '/api/questionnaires/fault-survey/responses',
          payload: { responseId },
        });
      // A real SQLite refusal: the connection may read but not write (SQLITE_READONLY).
      await sql`pragma query_only = 1`.execute(db);
      const refused = await claim();
      expect(refused.statusCode).toBe(503);
      expect(refused.headers['retry-after']).toBe('5');
      expect(refused.json()).toEqual({ error: 'unavailable' });

      await sql`pragma query_only = 0`.execute(db);
      const claimed = await claim();
      expect(claimed.statusCode).toBe(201);
      const token = claimed.json<{ token: string }>().token;
      const save = () =>
        app.inject({
          method: 'PUT',
          url: `/api/responses/${responseId}`,
          headers: { authorization: `Bearer ${token}` },
          payload: {
            questionnaireId: 'fault-survey',
            questionnaireVersion: 1,
            status: 'submitted',
            version: 1,
            answers: { k1: 'helt_enig' },
            answeredAt: {},
          },
        });
      await sql`pragma query_only = 1`.execute(db);
      expect((await save()).statusCode).toBe(503);
      await sql`pragma query_only = 0`.execute(db);
      expect((await save()).json()).toMatchObject({ ack: 'barometer.response', outcome: 'stored' });
      // The same id claimed again is final: 409, as before.
      expect((await claim()).statusCode).toBe(409);
    } finally {
      await app.close();
      await store.close();
    }
  });

  it("SY11: a collector's save and an import while the database refuses writes get 503 and succeed afterwards", async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'barometer-fault-')), 'fault.sqlite');
    const db = await openServerDatabase({ kind: 'sqlite', file });
    const store = createServerStore(db);
    const admin = 'admin-token-for-fault-tests-0123456789';
    const app = await buildServer({ store, registry: registryOf([spec]), adminToken: admin });
    try {
      const made = await app.inject({
        method: 'POST',
        url: '/api/admin/collectors',
        headers: { authorization: `Bearer ${admin}` },
        payload: { label: 'Team Nord', questionnaireIds: ['fault-survey'] },
      });
      const { id: collectorId, link } = made.json<{ id: string; link: string }>();
      const response = {
        questionnaireId: 'fault-survey',
        questionnaireVersion: 1,
        status: 'submitted' as const,
        version: 1,
        answers: { k1: 'helt_enig' },
      };
      const save = () =>
        app.inject({
          method: 'PUT',
          url: `/api/responses/${randomUUID()}`,
          headers: { authorization: `Bearer ${link.split('/c/')[1] ?? ''}` },
          payload: { ...response, answeredAt: {} },
        });
      const exported = await sealExportFile(
        {
          format: 'barometer.collector-export',
          formatVersion: 1,
          exportedAt: '2025-03-01T14:05:00Z',
          collector: { id: collectorId, label: 'Team Nord' },
          responses: [{ id: randomUUID(), ...response }],
        },
        sha256Hex,
      );
      const importFile = () =>
        app.inject({
          method: 'POST',
          url: '/api/admin/imports',
          headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
          payload: JSON.stringify(exported),
        });
      await sql`pragma query_only = 1`.execute(db);
      for (const refused of [await save(), await importFile()]) {
        expect(refused.statusCode).toBe(503);
        expect(refused.headers['retry-after']).toBe('5');
      }
      await sql`pragma query_only = 0`.execute(db);
      expect((await save()).json()).toMatchObject({ outcome: 'stored' });
      expect((await importFile()).json()).toMatchObject({ counts: { created: 1 } });
    } finally {
      await app.close();
      await store.close();
    }
  });

  it('SY11: the server lives through PostgreSQL closing its connections, and saves again once it can', async () => {
    const config = { kind: 'postgres' as const, url: POSTGRES_URL };
    const store = createServerStore(await freshDatabase(config));
    const app = await buildServer({ store, registry: registryOf([spec]) });
    try {
      const claimAndSave = async () => {
        const responseId = randomUUID();
        const claimed = await app.inject({
          method: 'POST',
          url: '/api/questionnaires/fault-survey/responses',
          payload: { responseId },
        });
        if (claimed.statusCode !== 201) return claimed.statusCode;
        const saved = await app.inject({
          method: 'PUT',
          url: `/api/responses/${responseId}`,
          headers: { authorization: `Bearer ${claimed.json<{ token: string }>().token}` },
          payload: {
            questionnaireId: 'fault-survey',
            questionnaireVersion: 1,
            status: 'draft',
            version: 1,
            answers: { k1: 'helt_enig' },
            answeredAt: {},
          },
        });
        return saved.statusCode;
      };
      expect(await claimAndSave()).toBe(200);
      expect(await terminateConnections()).toBeGreaterThan(0);
      await new Promise((resolve) => setTimeout(resolve, 200));
      // The first requests may meet a dead connection (503); within a few tries one gets through.
      const statuses: number[] = [];
      for (let i = 0; i < 5 && statuses.at(-1) !== 200; i++) statuses.push(await claimAndSave());
      expect(statuses.at(-1)).toBe(200);
      expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
    } finally {
      await app.close();
      await store.close();
    }
  });

  it('SY11: PostgreSQL closing every connection in the middle of 400 saves loses none and doubles none; readiness says so meanwhile', async () => {
    const config = { kind: 'postgres' as const, url: POSTGRES_URL };
    const store = createServerStore(await freshDatabase(config));
    const app = await buildServer({
      store,
      registry: registryOf([spec]),
      rateLimitPerMinute: 100_000,
    });
    try {
      // Twenty devices, each with its own response, saving version after version as a client does:
      // a 503 is retried, only our acknowledgement counts.
      const devices = await Promise.all(
        Array.from({ length: 20 }, async () => {
          const id = randomUUID();
          const claimed = await app.inject({
            method: 'POST',
            url: '/api/questionnaires/fault-survey/responses',
            payload: { responseId: id },
          });
          return { id, token: claimed.json<{ token: string }>().token, acknowledged: 0 };
        }),
      );
      const statuses = new Map<number, number>();
      const readiness: number[] = [];
      const saveAll = async (device: (typeof devices)[number]) => {
        for (let version = 1; version <= 20;) {
          const saved = await app.inject({
            method: 'PUT',
            url: `/api/responses/${device.id}`,
            headers: { authorization: `Bearer ${device.token}` },
            payload: {
              questionnaireId: 'fault-survey',
              questionnaireVersion: 1,
              status: 'draft',
              version,
              answers: { k1: version % 2 ? 'helt_enig' : 'delvis_enig' },
              answeredAt: {},
            },
          });
          statuses.set(saved.statusCode, (statuses.get(saved.statusCode) ?? 0) + 1);
          if (
            saved.statusCode === 200 &&
            saved.json<{ ack?: string }>().ack === 'barometer.response'
          ) {
            device.acknowledged = version;
            version += 1;
          } else await new Promise((resolve) => setTimeout(resolve, 20));
        }
      };
      const saving = Promise.all(devices.map(saveAll));
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(await terminateConnections()).toBeGreaterThan(0);
      readiness.push((await app.inject({ method: 'GET', url: '/readyz' })).statusCode);
      await saving;
      readiness.push((await app.inject({ method: 'GET', url: '/readyz' })).statusCode);

      // The ledger: every device's last acknowledged version is stored, once.
      for (const device of devices) {
        expect(device.acknowledged).toBe(20);
        expect((await store.getResponse(device.id))?.version).toBe(20);
      }
      expect([...statuses.keys()].every((s) => s === 200 || s === 503)).toBe(true);
      expect(readiness.at(-1)).toBe(200);
      expect(readiness.every((s) => s === 200 || s === 503)).toBe(true);
    } finally {
      await app.close();
      await store.close();
    }
  }, 60_000);

  it('/healthz answers while the process runs; /readyz only while the database answers at the latest migration', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'barometer-ready-')), 'ready.sqlite');
    const db = await openServerDatabase({ kind: 'sqlite', file });
    const store = createServerStore(db);
    const app = await buildServer({ store, registry: registryOf([spec]) });
    try {
      expect((await app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({
        status: 'ok',
      });
      expect((await app.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({
        status: 'ready',
      });
      await sql`delete from kysely_migration where name = '0003_provenance_and_publications'`.execute(
        db,
      );
      const behind = await app.inject({ method: 'GET', url: '/readyz' });
      expect(behind.statusCode).toBe(503);
      expect(behind.json()).toEqual({ status: 'not_ready', reason: 'migrations_behind' });
      await sql`drop table kysely_migration`.execute(db);
      const broken = await app.inject({ method: 'GET', url: '/readyz' });
      expect(broken.json()).toEqual({ status: 'not_ready', reason: 'database_unreachable' });
      expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await app.close();
      await store.close();
    }
  });

  it('tells storage failures from bugs', () => {
    expect(isStorageUnavailable({ code: 'SQLITE_FULL' })).toBe(true);
    expect(isStorageUnavailable({ code: '57P01', message: 'terminating connection' })).toBe(true);
    expect(isStorageUnavailable({ code: 'ECONNREFUSED' })).toBe(true);
    expect(isStorageUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isStorageUnavailable({ code: '23505' })).toBe(false);
    expect(isStorageUnavailable(new TypeError('x is undefined'))).toBe(false);
  });
});
