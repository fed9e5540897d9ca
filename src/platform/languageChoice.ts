import type { Language } from '../engine/index.ts';
import { loadStorage } from '../storage/lazy.ts';

/**
 * Keeps the UI language chosen in the header, in two places: IndexedDB
 * (`barometer.preferences`, written with strict durability, the copy that
 * counts) and localStorage (`barometer.language`), read synchronously so the
 * first screen is drawn in the right language with no wait for the database.
 * Chromium writes localStorage to disk some seconds after a change, so a
 * browser killed in between comes back with the older choice there; the
 * database copy, read once the first screen is painted, corrects it.
 */
export const LANGUAGE_MIRROR_KEY = 'barometer.language';

/** A choice still being written is waited for this long at most before the screen changes. */
const STORE_WAIT_MS = 1000;

/** Set by a choice made on this page: the database's older copy must not undo it. */
let isChosenHere = false;

/** What localStorage holds: any string, for `initialLanguage` to judge. */
export function mirroredLanguage(): string | null {
  try {
    return localStorage.getItem(LANGUAGE_MIRROR_KEY);
  } catch {
    return null;
  }
}

function mirror(language: Language) {
  try {
    localStorage.setItem(LANGUAGE_MIRROR_KEY, language);
  } catch {
    // Storage switched off: the database copy, if any, still holds the choice.
  }
}

/**
 * Stores a choice the moment it is made. Resolves once the database has it on
 * disk, or when writing it failed (the localStorage copy then holds it), or
 * after `STORE_WAIT_MS`, so a stuck database never holds the screen back.
 */
export function rememberLanguage(language: Language, now: number): Promise<void> {
  isChosenHere = true;
  mirror(language);
  const stored = loadStorage()
    .then((storage) => storage.preferenceStore().setLanguage(language, now))
    .catch(() => undefined);
  return Promise.race([stored, new Promise<void>((resolve) => setTimeout(resolve, STORE_WAIT_MS))]);
}

/**
 * The language the database holds, when it differs from what the first
 * screen was drawn in (`shown`) and nothing was chosen on this page since;
 * undefined otherwise. Brings the localStorage copy in line with the
 * database; a choice made before the database kept one (only in localStorage)
 * is copied into it.
 */
export async function languageToRestore(
  shown: Language,
  now: number,
): Promise<Language | undefined> {
  try {
    const preferences = (await loadStorage()).preferenceStore();
    const stored = await preferences.language();
    if (isChosenHere) return undefined;
    if (stored === undefined) {
      const mirrored = mirroredLanguage();
      if (mirrored === 'nb' || mirrored === 'nn') await preferences.setLanguage(mirrored, now);
      return undefined;
    }
    if (mirroredLanguage() !== stored) mirror(stored);
    return stored === shown ? undefined : stored;
  } catch {
    return undefined;
  }
}
