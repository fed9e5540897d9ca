import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DATABASE_NAME, openDatabase } from '../../src/storage/database.ts';
import { createPreferenceStore } from '../../src/storage/preferences.ts';
import type * as LanguageChoiceModule from '../../src/platform/languageChoice.ts';

/**
 * The language choice's two copies (`src/platform/languageChoice.ts`): the
 * localStorage one the first screen is drawn from, and the IndexedDB one that
 * survives a killed browser and corrects it after the first paint.
 */

type LanguageChoice = typeof LanguageChoiceModule;

let local: Map<string, string>;
/** A fresh copy of the module (and of the storage it loads), as a page load has. */
let choice: LanguageChoice;
const opened: Dexie[] = [];

/** The IndexedDB copy, as another page (an earlier visit) left it or reads it. */
function durable() {
  const db = openDatabase();
  opened.push(db);
  return createPreferenceStore(db, () => db);
}

beforeEach(async () => {
  local = new Map();
  vi.stubGlobal('localStorage', {
    getItem: (key: string) => local.get(key) ?? null,
    setItem: (key: string, value: string) => void local.set(key, value),
  });
  vi.resetModules();
  choice = await import('../../src/platform/languageChoice.ts');
});

afterEach(async () => {
  vi.unstubAllGlobals();
  opened.splice(0).forEach((db) => db.close());
  // The module's own connections close when the database is deleted (Dexie closes on
  // versionchange and says so on the console, which is expected here and kept quiet).
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  await Dexie.delete(DATABASE_NAME);
  warn.mockRestore();
});

describe('a choice made in the header', () => {
  it('is in localStorage at once and in IndexedDB when rememberLanguage resolves', async () => {
    const stored = choice.rememberLanguage('nn', 1000);
    expect(local.get(choice.LANGUAGE_MIRROR_KEY)).toBe('nn');
    await stored;
    expect(await durable().language()).toBe('nn');
  });
});

describe('after the first paint, the IndexedDB copy', () => {
  it('corrects a first screen drawn from a localStorage copy that lost the last choice', async () => {
    await durable().setLanguage('nn', 1000);
    local.set(choice.LANGUAGE_MIRROR_KEY, 'nb');
    expect(await choice.languageToRestore('nb', 2000)).toBe('nn');
    expect(local.get(choice.LANGUAGE_MIRROR_KEY)).toBe('nn');
  });

  it('corrects a first screen drawn from the browser language when localStorage lost everything', async () => {
    await durable().setLanguage('nb', 1000);
    expect(await choice.languageToRestore('nn', 2000)).toBe('nb');
    expect(local.get(choice.LANGUAGE_MIRROR_KEY)).toBe('nb');
  });

  it('changes nothing when the first screen was already in its language', async () => {
    await durable().setLanguage('nn', 1000);
    local.set(choice.LANGUAGE_MIRROR_KEY, 'nn');
    expect(await choice.languageToRestore('nn', 2000)).toBeUndefined();
  });

  it('never undoes a choice made on this page while it was being read', async () => {
    await durable().setLanguage('nn', 1000);
    local.set(choice.LANGUAGE_MIRROR_KEY, 'nb');
    const restoring = choice.languageToRestore('nb', 2000);
    const chosen = choice.rememberLanguage('nb', 2001);
    expect(await restoring).toBeUndefined();
    await chosen;
    expect(await durable().language()).toBe('nb');
    expect(local.get(choice.LANGUAGE_MIRROR_KEY)).toBe('nb');
  });

  it('takes over a choice kept only in localStorage (made before IndexedDB kept one)', async () => {
    local.set(choice.LANGUAGE_MIRROR_KEY, 'nn');
    expect(await choice.languageToRestore('nn', 2000)).toBeUndefined();
    expect(await durable().language()).toBe('nn');
  });

  it('stays empty when nothing was ever chosen, and a foreign localStorage value is not copied', async () => {
    expect(await choice.languageToRestore('nb', 2000)).toBeUndefined();
    local.set(choice.LANGUAGE_MIRROR_KEY, 'en');
    expect(await choice.languageToRestore('nb', 3000)).toBeUndefined();
    expect(await durable().language()).toBeUndefined();
  });
});
