import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSiteConfig } from '../../src/build/siteConfig.ts';
import { loadSiteConfig } from '../../src/build/siteConfigPlugin.ts';

const IDS = ['stat-2021-strategisk', 'stat-2021-operativ', 'ks-2020-kommune'];
const real = JSON.parse(readFileSync('config/site.json', 'utf8')) as Record<string, unknown>;
const copy = () => structuredClone(real) as Record<string, Record<string, Record<string, unknown>>>;

describe('the site configuration (config/site.json)', () => {
  it('the file the app is built with is valid and covers every questionnaire in questionnaires/', async () => {
    const loaded = await loadSiteConfig();
    expect(loaded.ok ? [] : loaded.errors).toEqual([]);
    if (!loaded.ok) return;
    expect(Object.keys(loaded.value.site.questionnaires).sort()).toEqual([...IDS].sort());
    expect(loaded.value.site.questionnaires['stat-2021-strategisk']?.owner).toBe('digdir');
    expect(loaded.value.site.questionnaires['ks-2020-kommune']?.owner).toBe('ks');
  });

  it('the strategic and the operative part name different people to answer them', () => {
    const parsed = parseSiteConfig(real, IDS);
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const { questionnaires } = parsed.value.site;
    expect(questionnaires['stat-2021-strategisk']?.audience.nb).toMatch(/øverste leder/);
    expect(questionnaires['stat-2021-operativ']?.audience.nb).toMatch(/arbeidsplass/);
    expect(questionnaires['stat-2021-strategisk']?.audience).not.toEqual(
      questionnaires['stat-2021-operativ']?.audience,
    );
  });

  it('a questionnaire without its owner and audience fails the build, naming it', () => {
    const parsed = parseSiteConfig(real, [...IDS, 'ny-2026']);
    expect(parsed).toEqual({
      ok: false,
      errors: ['$.questionnaires: questionnaire "ny-2026" needs its owner and audience'],
    });
  });

  it('an unknown owner, a missing Nynorsk text, a plain http address and an unknown key are each reported with their path', () => {
    const input = copy();
    input.questionnaires!['stat-2021-operativ']!.owner = 'rambøll';
    (input.owners!.ks as Record<string, unknown>).url = 'http://www.ks.no/';
    (input.owners!.digdir as Record<string, unknown>).telefon = '22 45 10 00';
    const audience = input.questionnaires!['ks-2020-kommune']!.audience as Record<string, string>;
    delete audience.nn;
    const parsed = parseSiteConfig(input, IDS);
    expect(parsed.ok).toBe(false);
    const errors = parsed.ok ? [] : parsed.errors;
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\$\.owners\.ks\.url: must be an https:\/\/ address/),
        expect.stringMatching(/^\$\.owners\.digdir: unknown key\(s\): telefon/),
        expect.stringMatching(/^\$\.questionnaires\.ks-2020-kommune\.audience\.nn: Nynorsk/),
      ]),
    );
    // The owner is checked once the structure holds: fix the others and it is reported.
    const second = copy();
    second.questionnaires!['stat-2021-operativ']!.owner = 'rambøll';
    expect(parseSiteConfig(second, IDS)).toEqual({
      ok: false,
      errors: ['$.questionnaires.stat-2021-operativ.owner: no owner "rambøll" in $.owners'],
    });
  });

  it('a privacy statement without a date, or with a section id twice, is refused', () => {
    const input = copy();
    const privacy = input.privacy as unknown as { updated?: string; sections: { id: string }[] };
    delete privacy.updated;
    expect(parseSiteConfig(input, IDS)).toMatchObject({
      ok: false,
      errors: ['$.privacy.updated: is required'],
    });
    const twice = copy();
    const sections = (twice.privacy as unknown as { sections: { id: string }[] }).sections;
    sections[1]!.id = sections[0]!.id;
    expect(parseSiteConfig(twice, IDS)).toEqual({
      ok: false,
      errors: [`$.privacy.sections[1].id: "${sections[0]!.id}" twice`],
    });
  });

  it('the example texts the operator must replace are marked, and the facts from the seeds are not', () => {
    const parsed = parseSiteConfig(real, IDS);
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const examples = parsed.value.privacy.sections.filter((s) => s.isExample).map((s) => s.id);
    expect(examples).toEqual(['ansvarlig', 'grunnlag', 'lagringstid']);
    expect(Object.values(parsed.value.site.owners).every((o) => !o.isExample)).toBe(true);
  });

  it('rejects something that is not an object', () => {
    expect(parseSiteConfig([], IDS)).toEqual({
      ok: false,
      errors: ['$: the site configuration must be a JSON object'],
    });
  });
});
