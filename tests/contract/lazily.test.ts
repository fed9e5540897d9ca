import * as yup from 'yup';
import { describe, expect, it } from 'vitest';
import { lazily, open, readMessage } from '../../src/contract/fields.ts';
import { collectorListReply } from '../../src/contract/index.ts';

/**
 * `lazily`: a message's schema is built on first use, once, and then behaves
 * as the schema itself, also inside another schema.
 */
describe('a schema built on first use', () => {
  it('is not built until used, then built once', () => {
    let builds = 0;
    const schema = lazily(() => {
      builds += 1;
      return open({ n: yup.number().strict().required() });
    });
    expect(builds).toBe(0);
    expect(readMessage(schema, { n: 1 })).toEqual({ n: 1 });
    expect(readMessage(schema, { n: '1' })).toBeUndefined();
    expect(schema.isValidSync({ n: 2 }, { strict: true })).toBe(true);
    expect(builds).toBe(1);
  });

  it('validates inside another schema, and reports the inner path', () => {
    const inner = lazily(() => open({ id: yup.string().strict().required() }));
    const outer = open({ items: yup.array(inner).strict().required() });
    expect(readMessage(outer, { items: [{ id: 'a' }] })).toBeDefined();
    expect(() => outer.validateSync({ items: [{ id: 3 }] }, { strict: true })).toThrow(
      /items\[0\]\.id/,
    );
  });

  it('serves the contract: a list of collectors with one malformed summary is refused', () => {
    const summary = {
      id: '6f1c2d3e-4b5a-4c6d-8e7f-101112131415',
      label: 'Fjordbyen',
      questionnaireIds: ['stat-2021-operativ'],
      expiresAt: 1,
      createdAt: 1,
      revokedAt: null,
      firstUsedAt: null,
      responses: 0,
      submitted: 0,
    };
    expect(readMessage(collectorListReply, { collectors: [summary] })).toBeDefined();
    expect(
      readMessage(collectorListReply, { collectors: [{ ...summary, responses: -1 }] }),
    ).toBeUndefined();
    expect(yup.isSchema(collectorListReply)).toBe(true);
  });
});
