import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import nb from '../../locales/nb.json';

/**
 * Every UI text in `locales/nb.json` is used somewhere in `src/`: a key no
 * code names is a text nobody sees, which still has to be kept true and
 * translated. (nb and nn having the same keys is `locales.test.ts`.) The
 * other direction needs no test: keys are typed, so `t('no.such.key')` does
 * not compile.
 *
 * A key counts as used when `src/` has it as a quoted string ('…', "…" or
 * `…`); a plural (`…_one`, `…_other`) by its base key, which is what `t` is
 * given.
 */

/**
 * Families of keys that code picks by a value, as `t(\`prefix.${value}\` as const)`.
 * The typed `t` checks that every value has its key; a key of the family with no value any more is
 * not found by this test. Each prefix must still be built so in `src/` (checked below), so the list
 * cannot outlive the code that needs it.
 */
const PICKED_BY_VALUE: Readonly<Record<string, string>> = {
  'admin.export.': 'ExportDownloads: one text and one `…Help` per download id',
  'admin.import.reason.': 'ImportPanel: the server’s reason for a refused item',
  'admin.import.refusedFile.': 'ImportPanel: the server’s code for a refused file',
  'admin.invitations.state.': 'InvitationPanel: each invitation’s state',
  'collector.handBack.': 'HandBackScreen: the outcome of a PIN check',
  'collectorPanels.forget.reason.': 'forgetWords: why a respondent cannot be forgotten',
  'collectorPanels.send.attention.': 'batchWords: why one response needs attention',
  'collectorPanels.send.outcome.': 'batchWords: the outcome of sending one response',
  'collectorPanels.storage.':
    'DeviceStoragePanel: the answer to «keep storage» and to keeping copies',
};

function leafKeys(node: unknown, prefix = ''): string[] {
  if (typeof node === 'string') return [prefix];
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([key, value]) =>
    leafKeys(value, prefix ? `${prefix}.${key}` : key),
  );
}

function sourceText(dir: string): string {
  return readdirSync(dir, { withFileTypes: true })
    .map((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return sourceText(path);
      return /\.(ts|tsx)$/.test(entry.name) ? readFileSync(path, 'utf8') : '';
    })
    .join('\n');
}

const source = sourceText('src');
const PLURAL = /_(zero|one|two|few|many|other)$/;

describe('UI texts are used', () => {
  it('every key in nb.json is named in src/ or belongs to a family picked by value', () => {
    const unused = leafKeys(nb).filter((key) => {
      const base = key.replace(PLURAL, '');
      if (Object.keys(PICKED_BY_VALUE).some((prefix) => base.startsWith(prefix))) return false;
      return ![`'${base}'`, `"${base}"`, `\`${base}\``].some((quoted) => source.includes(quoted));
    });
    expect(unused).toEqual([]);
  });

  it('every family listed is still picked by value in src/', () => {
    const stale = Object.keys(PICKED_BY_VALUE).filter(
      (prefix) => !source.includes(`\`${prefix}\${`),
    );
    expect(stale).toEqual([]);
  });
});
