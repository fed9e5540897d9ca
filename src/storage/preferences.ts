import type { Language } from '../engine/index.ts';
import type { BarometerDatabase } from './database.ts';

/**
 * The device's own settings in IndexedDB (`barometer.preferences`): the UI
 * language chosen in the header. Written with strict durability (flushed to
 * disk before the write resolves): a choice is rare, and Chromium may keep
 * localStorage, the app's first-paint copy, in memory for seconds.
 */
export interface PreferenceStore {
  /** The language last chosen on this device; undefined when none was, or the row is not one we wrote. */
  language(): Promise<Language | undefined>;
  setLanguage(language: Language, now: number): Promise<void>;
}

const isLanguage = (value: unknown): value is Language => value === 'nb' || value === 'nn';

export function createPreferenceStore(
  db: BarometerDatabase,
  strictConnection: () => BarometerDatabase,
): PreferenceStore {
  return {
    async language() {
      const row = await db.preferences.get('language');
      return isLanguage(row?.value) ? row.value : undefined;
    },
    async setLanguage(language, now) {
      await strictConnection().preferences.put({ key: 'language', value: language, chosenAt: now });
    },
  };
}
