import { describe, expect, it } from 'vitest';
// The `.js` paths reach lodash itself: vite.config.ts sends only the bare `lodash-es/<name>` to the shims.
// @ts-expect-error lodash-es ships no types here
import lodashClone from 'lodash-es/clone.js';
// @ts-expect-error lodash-es ships no types here
import lodashCloneDeep from 'lodash-es/cloneDeep.js';
// @ts-expect-error lodash-es ships no types here
import lodashIsPlainObject from 'lodash-es/isPlainObject.js';
// @ts-expect-error lodash-es ships no types here
import lodashToPath from 'lodash-es/toPath.js';
import clone from '../../src/shims/lodash-es/clone.ts';
import cloneDeep from '../../src/shims/lodash-es/cloneDeep.ts';
import isPlainObject from '../../src/shims/lodash-es/isPlainObject.ts';
import toPath from '../../src/shims/lodash-es/toPath.ts';

type Fn = (value: unknown) => unknown;

class Answer {
  constructor(readonly id: string) {}
}

const formValues: unknown[] = [
  undefined,
  null,
  0,
  'ja',
  true,
  [],
  ['kommuner', 'forskning'],
  { 'op.bakgrunn.ansatte': 12, grid: { kvalitet: 'hoy_grad' }, tags: ['a', { b: [1, 2] }] },
  Object.create(null) as unknown,
  new Answer('x'),
  new Date(0),
  [[1, [2, [3]]]],
];

describe('the lodash functions Formik uses, as the app bundles them', () => {
  it.each(formValues.map((v) => [v === undefined ? 'undefined' : JSON.stringify(v), v]))(
    'isPlainObject(%s) agrees with lodash',
    (_, value) => {
      expect(isPlainObject(value)).toBe((lodashIsPlainObject as Fn)(value));
    },
  );

  it.each(formValues.map((v) => [v === undefined ? 'undefined' : JSON.stringify(v), v]))(
    'clone(%s) agrees with lodash: equal, a new container, the same children',
    (_, value) => {
      const ours = clone(value);
      const theirs = (lodashClone as Fn)(value);
      expect(ours).toStrictEqual(theirs);
      if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
        expect(isPlainObject(ours) || Array.isArray(ours) || ours instanceof Answer).toBe(true);
        expect(ours).not.toBe(value);
        expect(Object.getPrototypeOf(ours)).toBe(Object.getPrototypeOf(theirs));
        for (const key of Object.keys(value))
          expect((ours as Record<string, unknown>)[key]).toBe(
            (value as Record<string, unknown>)[key],
          );
      }
    },
  );

  it('cloneDeep copies every level of form values, as lodash does', () => {
    const values = formValues[7] as { grid: object; tags: [string, { b: number[] }] };
    const ours = cloneDeep(values);
    expect(ours).toStrictEqual((lodashCloneDeep as Fn)(values));
    expect(ours.grid).not.toBe(values.grid);
    expect(ours.tags[1].b).not.toBe(values.tags[1].b);
    expect(cloneDeep<unknown>(undefined)).toBeUndefined();
  });

  it.each([
    'a',
    'a.b.c',
    'a[0].b',
    'a["b.c"].d',
    "a['x y']",
    'a[-1.5]',
    '.a',
    'a..b',
    'a[]',
    '',
    'op.bakgrunn.ansatte',
    'a["q\\"uote"]',
  ])('toPath(%j) agrees with lodash', (path) => {
    expect(toPath(path)).toEqual((lodashToPath as Fn)(path));
  });

  it('toPath of an array gives its keys as strings, as lodash does', () => {
    expect(toPath(['a', 0, 'b'])).toEqual((lodashToPath as Fn)(['a', 0, 'b']));
  });
});
