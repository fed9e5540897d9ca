import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { likert, specDocument, t } from '../fixtures/inlineSpec.ts';

/** Runs a CLI the way `npm run` does and returns its exit code and output. */
function run(script: string, args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Each file in a folder of its own, so tests never overwrite each other's files. */
const write = (name: string, content: unknown) => {
  const file = join(mkdtempSync(join(tmpdir(), 'barometer-cli-')), name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
};

const validSpec = specDocument(
  [{ id: 's', title: t('S'), questions: [likert('a'), likert('b')] }],
  {
    indicators: [
      {
        id: 'kultur',
        name: t('Kultur'),
        description: t('K'),
        items: [
          { rule: 'scale', question: 'a' },
          { rule: 'scale', question: 'b' },
        ],
      },
    ],
  },
);

describe('npm run check:questionnaires', () => {
  it('passes a valid file', () => {
    const result = run('src/cli/checkQuestionnaires.ts', [write('test.v1.json', validSpec)]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('ok');
  });

  it('fails a broken file, naming the file, the JSON path and the reason', () => {
    const broken = structuredClone(validSpec) as { sections: { questions: { text: unknown }[] }[] };
    broken.sections[0]!.questions[1]!.text = { nb: 'Bare bokmål' };
    const file = write('test.v1.json', broken);
    const result = run('src/cli/checkQuestionnaires.ts', [file]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      `${file}: $.sections[0].questions[1].text.nn: Nynorsk (nn) text is missing or empty`,
    );
  });

  it('fails a file that is not JSON, and one named for another version', () => {
    const notJson = run('src/cli/checkQuestionnaires.ts', [write('test.v1.json', '{ "id": ')]);
    expect(notJson.status).toBe(1);
    expect(notJson.stderr).toContain('$: not valid JSON');
    const misnamed = run('src/cli/checkQuestionnaires.ts', [write('test.v2.json', validSpec)]);
    expect(misnamed.status).toBe(1);
    expect(misnamed.stderr).toContain('must be named test.v1.json');
  });
});

describe('npm run score', () => {
  const specFile = write('test.v1.json', validSpec);

  it('prints the indicator profile as JSON', () => {
    const result = run('src/cli/score.ts', [
      specFile,
      write('answers.json', { a: 'helt_enig', b: 'delvis_uenig' }),
    ]);
    expect(result.status).toBe(0);
    const profile = JSON.parse(result.stdout) as Record<string, number>;
    expect(profile.kultur).toBeCloseTo(66.67, 2);
  });

  it('exits non-zero with the reason on answers that do not fit', () => {
    const result = run('src/cli/score.ts', [specFile, write('bad.json', { a: 'kanskje', c: 1 })]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('a: unknown_option "kanskje"');
    expect(result.stderr).toContain('c: unknown_question');
  });

  it('exits non-zero on a bad spec', () => {
    const result = run('src/cli/score.ts', [
      write('test.v1.json', { id: 'test' }),
      write('a.json', {}),
    ]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('the questionnaire is invalid');
  });
});

describe('npm run score on a real questionnaire (the README example)', () => {
  it('scores the operative fixture as «VEDLEGG 1» does', () => {
    const result = run('src/cli/score.ts', [
      'questionnaires/stat-2021-operativ.v1.json',
      'tests/fixtures/answers/operativ-innovator.json',
    ]);
    expect(result.status).toBe(0);
    const profile = JSON.parse(result.stdout) as Record<string, number | null>;
    expect(profile.kultur).toBeCloseTo((100 + 200 / 3) / 2, 6); // «Vet ikke» left out
    expect(profile.digitalisering).toBeCloseTo(100 / 6, 6); // (33.33 + 0) / 2
    expect(profile.forsok_utproving).toBe(100);
    expect(profile.samarbeid).toBe(70);
    expect(profile.forskning).toBe(100);
    expect(profile.realisere_verdi).toBeCloseTo((70 + 200 / 3 + 100 + 200 / 3) / 4, 6);
  });
});
