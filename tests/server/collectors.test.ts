import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashToken } from '../../src/server/tokens.ts';
import { DATABASES } from './databases.ts';
import {
  asAdmin,
  bearer,
  getResponse,
  makeCollector,
  OTHER_Q,
  post,
  PUBLIC_URL,
  putResponse,
  Q,
  respondentKey,
  revokeCollector,
  saveBody,
  useFieldServer,
} from './support/fieldCollection.ts';

/**
 * Field collection over HTTP on both databases (SYNC.md SY14–SY17): the
 * owner's collector links, a device enrolling, a collector's saves, and the
 * respondent's own link; then what an outsider, a revoked or expired
 * collector, and one collector against another would try.
 */
const DAY = 86_400_000;
const NOT_FOUND = { error: 'not_found' };

describe.each(DATABASES)('field collection on $name', ({ config }) => {
  const server = useFieldServer(config);

  const enrol = (token: string) => post(server.app, '/api/collectors/enrol', { token });
  const claim = (token: string) => post(server.app, '/api/invitations/claim', { token });
  const listCollectors = async () =>
    (
      await server.app.inject({ method: 'GET', url: '/api/admin/collectors', headers: asAdmin })
    ).json<{ collectors: Record<string, unknown>[] }>().collectors;

  describe('SY14: collector links', () => {
    it('the owner makes a link for one collector and questionnaires; the token is in the link only, stored as its SHA-256', async () => {
      const made = await server.app.inject({
        method: 'POST',
        url: '/api/admin/collectors',
        headers: asAdmin,
        payload: { label: 'Team Nord', questionnaireIds: [Q, OTHER_Q], expiresInDays: 7 },
      });
      expect(made.statusCode).toBe(201);
      const reply = made.json<{ id: string; link: string }>();
      expect(reply).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        label: 'Team Nord',
        questionnaireIds: [Q, OTHER_Q],
        expiresAt: server.clock.now + 7 * DAY,
        link: expect.stringMatching(new RegExp(`^${PUBLIC_URL}/c/[A-Za-z0-9_-]{43}$`)),
      });
      const token = reply.link.split('/c/')[1] ?? '';
      expect(await server.store.findCollector(hashToken(token))).toMatchObject({ id: reply.id });
      expect(JSON.stringify(await listCollectors())).not.toContain(token);
    });

    it('without a number of days the link lasts 30; an unknown questionnaire, no questionnaire, or a repeated one is a 400', async () => {
      const { expiresAt } = await makeCollector(server.app);
      expect(expiresAt).toBe(server.clock.now + 30 * DAY);
      const refused = async (payload: Record<string, unknown>) => {
        const reply = await server.app.inject({
          method: 'POST',
          url: '/api/admin/collectors',
          headers: asAdmin,
          payload,
        });
        expect(reply.statusCode).toBe(400);
        return reply.json<{ fields: { path: string }[] }>().fields.map((f) => f.path);
      };
      expect(await refused({ label: 'A', questionnaireIds: [Q, 'nope'] })).toEqual([
        '/questionnaireIds/1',
      ]);
      expect(await refused({ label: 'A', questionnaireIds: [] })).toEqual(['/questionnaireIds']);
      expect(await refused({ label: 'A', questionnaireIds: [Q, Q] })).toEqual([
        '/questionnaireIds',
      ]);
      expect(await refused({ label: 'A\u0000', questionnaireIds: [Q] })).toEqual(['/label']);
      expect(await refused({ label: 'A', questionnaireIds: [Q], expiresInDays: 0 })).toEqual([
        '/expiresInDays',
      ]);
    });

    it('the admin routes need the admin key', async () => {
      for (const [method, url] of [
        ['POST', '/api/admin/collectors'],
        ['GET', '/api/admin/collectors'],
        ['POST', `/api/admin/collectors/${randomUUID()}/revoke`],
        ['POST', '/api/admin/imports'],
      ] as const) {
        const reply = await server.app.inject({
          method,
          url,
          headers: bearer('not-the-admin-key-at-all'),
        });
        expect(reply.statusCode, url).toBe(401);
      }
    });

    it('the list shows each collector without its token, with its responses and submitted responses; revoking an unknown id is a 404', async () => {
      const nord = await makeCollector(server.app);
      const sor = await makeCollector(server.app, { label: 'Team Sør' });
      await putResponse(server.app, randomUUID(), nord.token, saveBody());
      await putResponse(server.app, randomUUID(), nord.token, saveBody({ status: 'submitted' }));
      server.clock.now += 1;
      expect((await revokeCollector(server.app, sor.id)).statusCode).toBe(204);
      expect((await revokeCollector(server.app, sor.id)).statusCode).toBe(204);
      expect((await revokeCollector(server.app, randomUUID())).statusCode).toBe(404);
      expect((await revokeCollector(server.app, 'not-a-uuid')).statusCode).toBe(404);
      expect(await listCollectors()).toEqual([
        {
          id: nord.id,
          label: 'Team Nord',
          questionnaireIds: [Q],
          createdAt: server.clock.now - 1,
          expiresAt: nord.expiresAt,
          revokedAt: null,
          firstUsedAt: null,
          responses: 2,
          submitted: 1,
        },
        expect.objectContaining({
          id: sor.id,
          label: 'Team Sør',
          revokedAt: server.clock.now,
          responses: 0,
          submitted: 0,
        }),
      ]);
    });
  });

  describe('SY15: enrolment', () => {
    it('a device enrols with the link and learns its collector, questionnaires and expiry; first use is recorded', async () => {
      const { id, token, expiresAt } = await makeCollector(server.app);
      const enrolled = await enrol(token);
      expect(enrolled.statusCode).toBe(200);
      expect(enrolled.json()).toEqual({
        collectorId: id,
        label: 'Team Nord',
        questionnaireIds: [Q],
        expiresAt,
      });
      server.clock.now += 5;
      expect((await enrol(token)).statusCode).toBe(200);
      expect((await listCollectors())[0]).toMatchObject({ firstUsedAt: server.clock.now - 5 });
    });

    it('a guessed, revoked or expired collector token, and an invitation token, get the same 404; a collector token does not claim a response', async () => {
      const { id, token } = await makeCollector(server.app, { expiresInDays: 1 });
      const invitation = await server.app.inject({
        method: 'POST',
        url: '/api/admin/invitations',
        headers: asAdmin,
        payload: { questionnaireId: Q, count: 1 },
      });
      const invitationToken = invitation
        .json<{ invitations: { link: string }[] }>()
        .invitations[0]?.link.split('/i/')[1];
      const guessed = respondentKey().token;
      for (const attempt of [guessed, invitationToken ?? '']) {
        const reply = await enrol(attempt);
        expect([reply.statusCode, reply.json()]).toEqual([404, NOT_FOUND]);
      }
      expect((await claim(token)).statusCode).toBe(404);

      server.clock.now += DAY;
      expect((await enrol(token)).statusCode).toBe(404);
      const { token: other } = await makeCollector(server.app);
      const second = await makeCollector(server.app);
      expect((await enrol(other)).statusCode).toBe(200);
      await revokeCollector(server.app, second.id);
      expect((await enrol(second.token)).json()).toEqual(NOT_FOUND);
      expect(id).not.toBe(second.id);
    });
  });

  describe('SY16: collector writes', () => {
    it('a collector save creates the response with provenance collector exactly once: replays and a lost reply retried store nothing new', async () => {
      const { id: collectorId, token } = await makeCollector(server.app);
      const responseId = randomUUID();
      const first = await putResponse(server.app, responseId, token, saveBody());
      expect(first.statusCode).toBe(200);
      expect(first.json()).toMatchObject({ outcome: 'stored', id: responseId, version: 1 });
      // The reply was lost: the device sends the same save again, later.
      server.clock.now += 60_000;
      const retried = await putResponse(server.app, responseId, token, saveBody());
      expect(retried.json()).toMatchObject({
        outcome: 'replay',
        storedAt: server.clock.now - 60_000,
      });
      const next = await putResponse(
        server.app,
        responseId,
        token,
        saveBody({ version: 2, status: 'submitted', answers: { k1: 'delvis_enig' } }),
      );
      expect(next.json()).toMatchObject({ outcome: 'stored', version: 2, status: 'submitted' });
      expect(
        (await putResponse(server.app, responseId, token, saveBody({ version: 1 }))).json(),
      ).toMatchObject({ outcome: 'stale', version: 2 });

      const stored = await server.store.responses(Q);
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({ id: responseId, provenance: 'collector', version: 2 });
      expect(await listCollectors()).toMatchObject([
        { id: collectorId, responses: 1, submitted: 1 },
      ]);
      const copy = await getResponse(server.app, responseId, token);
      expect(copy.json()).toMatchObject({
        id: responseId,
        version: 2,
        answers: { k1: 'delvis_enig' },
      });
    });

    it('two saves of a new response at once make one response and one respondent credential', async () => {
      const { token } = await makeCollector(server.app);
      const responseId = randomUUID();
      const replies = await Promise.all(
        Array.from({ length: 8 }, () => putResponse(server.app, responseId, token, saveBody())),
      );
      expect(replies.map((r) => r.statusCode)).toEqual(Array.from({ length: 8 }, () => 200));
      expect(replies.map((r) => r.json<{ outcome: string }>().outcome).sort()).toEqual([
        'replay',
        'replay',
        'replay',
        'replay',
        'replay',
        'replay',
        'replay',
        'stored',
      ]);
      expect(await server.store.responses(Q)).toHaveLength(1);
    });

    it('SY10 holds for collectors too: a bad body is a 400 naming the field, and nothing is stored', async () => {
      const { token } = await makeCollector(server.app);
      const responseId = randomUUID();
      const bad = await putResponse(
        server.app,
        responseId,
        token,
        saveBody({ answers: { k1: 'kanskje' } }),
      );
      expect(bad.json()).toMatchObject({
        error: 'invalid_answers',
        fields: [{ path: '/answers/k1' }],
      });
      const badKey = await putResponse(
        server.app,
        responseId,
        token,
        saveBody({ respondentKeyHash: 'ABC' }),
      );
      expect(badKey.json()).toMatchObject({
        error: 'invalid_body',
        fields: [{ path: '/respondentKeyHash' }],
      });
      expect(await server.store.responses(Q)).toEqual([]);
    });

    it('a guessed token, a revoked collector at once, an expired collector: 404, and nothing is stored', async () => {
      const { id, token } = await makeCollector(server.app, { expiresInDays: 2 });
      const responseId = randomUUID();
      expect((await putResponse(server.app, responseId, token, saveBody())).statusCode).toBe(200);
      const guessed = await putResponse(
        server.app,
        randomUUID(),
        respondentKey().token,
        saveBody(),
      );
      expect([guessed.statusCode, guessed.json()]).toEqual([404, NOT_FOUND]);

      server.clock.now += 2 * DAY;
      const expired = await putResponse(server.app, responseId, token, saveBody({ version: 2 }));
      expect([expired.statusCode, expired.json()]).toEqual([404, NOT_FOUND]);
      expect((await getResponse(server.app, responseId, token)).statusCode).toBe(404);

      const fresh = await makeCollector(server.app);
      const freshId = randomUUID();
      expect((await putResponse(server.app, freshId, fresh.token, saveBody())).statusCode).toBe(
        200,
      );
      // The cache has the collector now; the clock does not move: only the revocation can stop it.
      expect((await revokeCollector(server.app, fresh.id)).statusCode).toBe(204);
      const revoked = await putResponse(server.app, freshId, fresh.token, saveBody({ version: 2 }));
      expect([revoked.statusCode, revoked.json()]).toEqual([404, NOT_FOUND]);
      expect(
        (await putResponse(server.app, randomUUID(), fresh.token, saveBody())).statusCode,
      ).toBe(404);
      expect((await getResponse(server.app, freshId, fresh.token)).statusCode).toBe(404);
      expect((await server.store.responses(Q)).map((r) => [r.id, r.version]).sort()).toEqual(
        [
          [responseId, 1],
          [freshId, 1],
        ].sort(),
      );
      expect(id).not.toBe(fresh.id);
    });

    it('a questionnaire outside the collector link is a 404, and nothing is stored', async () => {
      const { token } = await makeCollector(server.app);
      const reply = await putResponse(
        server.app,
        randomUUID(),
        token,
        saveBody({ questionnaireId: OTHER_Q }),
      );
      expect([reply.statusCode, reply.json()]).toEqual([404, NOT_FOUND]);
      expect(await server.store.responses(OTHER_Q)).toEqual([]);
    });

    it("collector A can neither write nor read collector B's response, nor one given through an invitation: the same 404 as for an id that does not exist", async () => {
      const a = await makeCollector(server.app);
      const b = await makeCollector(server.app, { label: 'Team Sør' });
      const bResponse = randomUUID();
      await putResponse(server.app, bResponse, b.token, saveBody());
      const invitation = await server.app.inject({
        method: 'POST',
        url: '/api/admin/invitations',
        headers: asAdmin,
        payload: { questionnaireId: Q, count: 1 },
      });
      const invited = invitation.json<{ invitations: { responseId: string; link: string }[] }>()
        .invitations[0];
      if (!invited) throw new Error('no invitation');
      const invitedToken = invited.link.split('/i/')[1] ?? '';
      await putResponse(server.app, invited.responseId, invitedToken, saveBody());

      for (const target of [bResponse, invited.responseId]) {
        const write = await putResponse(
          server.app,
          target,
          a.token,
          saveBody({ version: 9, answers: { k1: 'helt_uenig' } }),
        );
        expect([write.statusCode, write.json()]).toEqual([404, NOT_FOUND]);
        const read = await getResponse(server.app, target, a.token);
        expect([read.statusCode, read.json()]).toEqual([404, NOT_FOUND]);
      }
      const nowhere = await getResponse(server.app, randomUUID(), a.token);
      expect([nowhere.statusCode, nowhere.json()]).toEqual([404, NOT_FOUND]);
      // And neither response changed.
      for (const target of [bResponse, invited.responseId])
        expect(await server.store.getResponse(target)).toMatchObject({
          version: 1,
          answers: { k1: 'helt_enig' },
        });
      // An invitation token does not write another response either, collector's or not.
      expect(
        (await putResponse(server.app, bResponse, invitedToken, saveBody({ version: 9 })))
          .statusCode,
      ).toBe(404);
    });

    it("a response erased at the respondent's request is not brought back by the collector's device", async () => {
      const { token } = await makeCollector(server.app);
      const responseId = randomUUID();
      await putResponse(server.app, responseId, token, saveBody());
      const erased = await server.app.inject({
        method: 'DELETE',
        url: `/api/admin/responses/${responseId}`,
        headers: asAdmin,
      });
      expect(erased.statusCode).toBe(204);
      const again = await putResponse(server.app, responseId, token, saveBody({ version: 2 }));
      expect([again.statusCode, again.json()]).toEqual([404, NOT_FOUND]);
      expect(await server.store.getResponse(responseId)).toBeUndefined();
    });
  });

  describe("SY17: the respondent's own link", () => {
    it('works only once its response exists: then it claims, reads and continues the response; erasure ends it', async () => {
      const { token } = await makeCollector(server.app);
      const key = respondentKey();
      const responseId = randomUUID();
      // The slip is printed offline; the respondent tries it before the tablet has synced.
      const early = await claim(key.token);
      expect([early.statusCode, early.json()]).toEqual([404, NOT_FOUND]);
      expect((await getResponse(server.app, responseId, key.token)).statusCode).toBe(404);

      await putResponse(server.app, responseId, token, saveBody({ respondentKeyHash: key.hash }));
      const claimed = await claim(key.token);
      expect([claimed.statusCode, claimed.json()]).toEqual([
        200,
        { responseId, questionnaireId: Q, questionnaireVersion: 1 },
      ]);
      expect((await getResponse(server.app, responseId, key.token)).json()).toMatchObject({
        id: responseId,
        answers: { k1: 'helt_enig' },
      });
      const own = await putResponse(
        server.app,
        responseId,
        key.token,
        saveBody({ version: 2, answers: { k1: 'helt_uenig' } }),
      );
      expect(own.json()).toMatchObject({ outcome: 'stored', version: 2 });
      expect((await server.store.responses(Q))[0]).toMatchObject({ provenance: 'collector' });
      // Its key was used once: the collector device sending it with another response cannot take it.
      const reused = await putResponse(
        server.app,
        randomUUID(),
        token,
        saveBody({ respondentKeyHash: key.hash }),
      );
      expect(reused.json()).toMatchObject({ fields: [{ path: '/respondentKeyHash' }] });

      await server.app.inject({
        method: 'DELETE',
        url: `/api/admin/responses/${responseId}`,
        headers: asAdmin,
      });
      expect((await claim(key.token)).statusCode).toBe(404);
      expect((await getResponse(server.app, responseId, key.token)).statusCode).toBe(404);
    });

    it('without a key from the device the respondent credential has a token nobody knows; the key is used only when the response is created', async () => {
      const { token } = await makeCollector(server.app);
      const responseId = randomUUID();
      await putResponse(server.app, responseId, token, saveBody());
      const late = respondentKey();
      await putResponse(
        server.app,
        responseId,
        token,
        saveBody({ version: 2, respondentKeyHash: late.hash }),
      );
      expect((await claim(late.token)).statusCode).toBe(404);
      expect(await server.store.hasCredentialFor(responseId)).toBe(true);
    });

    it("a revoked collector's respondents keep their own links", async () => {
      const { id, token } = await makeCollector(server.app);
      const key = respondentKey();
      const responseId = randomUUID();
      await putResponse(server.app, responseId, token, saveBody({ respondentKeyHash: key.hash }));
      await revokeCollector(server.app, id);
      expect((await claim(key.token)).statusCode).toBe(200);
    });
  });

  it('PB1: collector responses count in publications like invited ones', async () => {
    const { token } = await makeCollector(server.app);
    await putResponse(server.app, randomUUID(), token, saveBody({ status: 'submitted' }));
    const overview = await server.app.inject({
      method: 'GET',
      url: `/api/admin/questionnaires/${Q}/publication`,
      headers: asAdmin,
    });
    expect(overview.json()).toMatchObject({
      responses: { collector: 1, invited: 0, counted: 1 },
    });
  });
});
