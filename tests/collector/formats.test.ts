import { describe, expect, it } from 'vitest';
import {
  byteRange,
  formatBytes,
  formatList,
  formatPercent,
} from '../../src/features/collector/formats.ts';
import {
  askForPersistentStorage,
  persistenceText,
  USAGE_WARNING_SHARE,
  usageOf,
  usageText,
  usageWarning,
} from '../../src/features/collector/storageWords.ts';
import { plain, wordTools } from './tablet.ts';

describe('sizes, shares and lists through Intl', () => {
  it('a size is in kB below a megabyte, then MB and GB, with one decimal below 10', () => {
    expect(plain(formatBytes(300, 'nb'))).toBe('0,3 kB');
    expect(plain(formatBytes(3_240, 'nb'))).toBe('3,2 kB');
    expect(plain(formatBytes(12_400, 'nb'))).toBe('12 kB');
    expect(plain(formatBytes(999_000, 'nb'))).toBe('999 kB');
    expect(plain(formatBytes(3_400_000, 'nb'))).toBe('3,4 MB');
    expect(plain(formatBytes(1_234_000_000, 'nn'))).toBe('1,2 GB');
    expect(plain(formatBytes(120_000_000_000, 'nb'))).toBe('120 GB');
  });

  it('a part of a whole is in the whole’s unit, so «0,5 av 2,5 MB» never mixes units', () => {
    const range = (part: number, whole: number) => {
      const said = byteRange(part, whole, 'nb');
      return plain(`${said.part} av ${said.whole}`);
    };
    expect(range(3_240, 12_000)).toBe('3,2 av 12 kB');
    expect(range(500_000, 2_500_000)).toBe('0,5 av 2,5 MB');
    expect(range(12_000, 12_000)).toBe('12 av 12 kB');
    expect(range(0, 0)).toBe('0 av 0 kB');
  });

  it('percentages round to whole numbers; lists are joined the Norwegian way', () => {
    expect(plain(formatPercent(0.834, 'nb'))).toBe('83 %');
    expect(formatList(['Kari', 'Per', 'Ola'], 'nn')).toBe('Kari, Per og Ola');
    expect(formatList(['Kari'], 'nb')).toBe('Kari');
  });
});

describe('the device storage panel’s words', () => {
  const tools = wordTools();

  it(`warns from ${USAGE_WARNING_SHARE * 100} % of the quota, not below, and not when the browser says nothing`, () => {
    expect(usageOf({ usage: 800, quota: 1000 })).toMatchObject({
      kind: 'known',
      isNearlyFull: true,
    });
    expect(usageOf({ usage: 799, quota: 1000 })).toMatchObject({
      kind: 'known',
      isNearlyFull: false,
    });
    expect(usageOf({ usage: 1200, quota: 1000 })).toMatchObject({ isNearlyFull: true });
    expect(usageOf({ usage: null, quota: 1000 })).toEqual({ kind: 'unknown' });
    expect(usageOf({ usage: 10, quota: 0 })).toEqual({ kind: 'unknown' });
    expect(usageWarning(tools, usageOf({ usage: 799, quota: 1000 }))).toBeNull();
    expect(usageWarning(tools, usageOf({ usage: null, quota: null }))).toBeNull();
    expect(plain(usageWarning(tools, usageOf({ usage: 850, quota: 1000 })) ?? '')).toContain(
      '(85 %)',
    );
  });

  it('says usage, quota and share; a little data in a large quota is «under 1 %», not «0 %»', () => {
    expect(plain(usageText(tools, usageOf({ usage: 2_300_000, quota: 10_000_000 })))).toBe(
      'Barometer bruker 2,3 MB av 10 MB som nettleseren har satt av (23 %).',
    );
    const tiny = plain(usageText(tools, usageOf({ usage: 2_300_000, quota: 120_000_000_000 })));
    expect(tiny).toContain('2,3 MB av 120 GB');
    expect(tiny).toContain('(under 1 %)');
    expect(plain(usageText(tools, usageOf({ usage: 0, quota: 1_000_000 })))).toContain('(0 %)');
    expect(usageText(tools, { kind: 'unknown' })).toBe(
      'Nettleseren oppgir ikke hvor mye Barometer har lagret.',
    );
  });

  it('tells persistent, not persistent and unknown apart', () => {
    const said = [true, false, null].map((p) => persistenceText(tools, p));
    expect(new Set(said).size).toBe(3);
    expect(said[1]).toContain('ikke varig');
  });

  it('asks the browser each time the collector presses the button, and reads a failure as «cannot ask»', async () => {
    let asked = 0;
    const granting = { persist: () => Promise.resolve(++asked > 0) };
    expect(await askForPersistentStorage(granting)).toBe(true);
    expect(await askForPersistentStorage(granting)).toBe(true);
    expect(asked).toBe(2);
    expect(await askForPersistentStorage({ persist: () => Promise.resolve(false) })).toBe(false);
    expect(
      await askForPersistentStorage({ persist: () => Promise.reject(new Error('no')) }),
    ).toBeNull();
    expect(await askForPersistentStorage(undefined)).toBeNull();
  });
});
