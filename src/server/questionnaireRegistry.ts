import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { loadQuestionnaireFile } from './loadQuestionnaireFile.ts';
import type { Questionnaire } from '../engine/index.ts';

/** Every published questionnaire version, parsed by the engine at start; answers are checked against the pinned one. */
export interface QuestionnaireRegistry {
  get(id: string, version: number): Questionnaire | undefined;
  latest(id: string): Questionnaire | undefined;
  ids(): string[];
}

export function registryOf(specs: readonly Questionnaire[]): QuestionnaireRegistry {
  const byKey = new Map(specs.map((s) => [`${s.id}@${s.version}`, s]));
  const latest = new Map<string, Questionnaire>();
  for (const spec of specs) {
    const current = latest.get(spec.id);
    if (!current || spec.version > current.version) latest.set(spec.id, spec);
  }
  return {
    get: (id, version) => byKey.get(`${id}@${version}`),
    latest: (id) => latest.get(id),
    ids: () => [...latest.keys()],
  };
}

/** Refuses to start on a broken spec, naming the file, path and reason. */
export async function loadRegistry(dir = 'questionnaires'): Promise<QuestionnaireRegistry> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  const specs: Questionnaire[] = [];
  const errors: string[] = [];
  for (const file of files) {
    const result = await loadQuestionnaireFile(join(dir, file));
    if (result.ok) specs.push(result.value);
    else errors.push(...result.errors);
  }
  if (errors.length > 0) throw new Error(`invalid questionnaire(s):\n${errors.join('\n')}`);
  return registryOf(specs);
}
