import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import {
  checkSubmission,
  compile,
  computeVisibility,
  summarizeRespondent,
  type AnswerValue,
  type PublicationDocument,
  type Questionnaire,
} from '../engine/index.ts';
import { databaseConfig, openServerDatabase } from '../server/db/database.ts';
import { createServerStore, DEMO_LABEL } from '../server/db/serverStore.ts';
import { createPublications } from '../server/publications.ts';
import { loadRegistry } from '../server/questionnaireRegistry.ts';
import { contentHash, hashToken, newToken } from '../server/tokens.ts';
import { mulberry32 } from './seededRandom.ts';

/**
 * `npm run seed:demo [-- --count N] [-- --remove]`: fills a demo server's
 * database with simulated responses and publishes them, so a first run
 * shows figures. They carry the provenance `simulated`, the publication says
 * it includes them, and the app calls the figures test figures. Refused on a
 * database that holds real responses; `--remove` takes the responses and
 * the publications that included them away.
 */
const { values } = parseArgs({
  options: { count: { type: 'string' }, remove: { type: 'boolean' }, seed: { type: 'string' } },
});

/** One simulated respondent: answers every question the skip logic shows, in page order. */
export function simulatedAnswers(
  spec: Questionnaire,
  random: () => number,
): Record<string, AnswerValue> {
  const answers: Record<string, AnswerValue> = {};
  const pick = <T>(items: readonly T[]): T | undefined =>
    items[Math.floor(random() * items.length)];
  for (const { question, options } of compile(spec).questions) {
    const visibility = computeVisibility(spec, answers);
    if (!visibility.questions.has(question.id)) continue;
    const scored = options.filter((o) => o.score !== undefined);
    // Lean towards agreement, as the report's figures do; «Vet ikke» now and then.
    const leaning = () =>
      (random() < 0.08 ? options.find((o) => o.score === undefined) : undefined) ??
      scored[Math.min(scored.length - 1, Math.floor(random() ** 0.7 * scored.length))];
    switch (question.type) {
      case 'single': {
        const option = scored.length > 1 ? leaning() : pick(options);
        if (option) answers[question.id] = option.id;
        break;
      }
      case 'multiple': {
        const plain = options.filter((o) => !o.exclusive);
        const chosen = plain.filter(() => random() < 0.35).map((o) => o.id);
        const exclusive = options.find((o) => o.exclusive);
        answers[question.id] =
          chosen.length > 0 ? chosen : exclusive ? [exclusive.id] : [plain[0]?.id ?? ''];
        break;
      }
      case 'grid': {
        const hidden = visibility.hiddenRows.get(question.id);
        answers[question.id] = Object.fromEntries(
          question.rows
            .filter((r) => !hidden?.has(r.id))
            .map((r) => [r.id, (leaning() ?? options[0])?.id ?? '']),
        );
        break;
      }
      case 'allocation': {
        const total = question.total ?? 100;
        const cuts = question.rows.map(() => random());
        const sum = cuts.reduce((a, b) => a + b, 0);
        const shares = cuts.map((c) => Math.floor((c / sum) * total));
        shares[0] = (shares[0] ?? 0) + total - shares.reduce((a, b) => a + b, 0);
        answers[question.id] = Object.fromEntries(
          question.rows.map((r, i) => [r.id, shares[i] ?? 0]),
        );
        break;
      }
      case 'number':
        answers[question.id] = Math.round(
          (question.min ?? 0) + random() * ((question.max ?? 100) - (question.min ?? 0)),
        );
        break;
      case 'text':
        if (question.specifies || question.required !== false)
          answers[question.id] = 'Simulert svar';
        break;
    }
  }
  return answers;
}

async function main(): Promise<number> {
  const store = createServerStore(await openServerDatabase(databaseConfig(process.env)));
  try {
    const registry = await loadRegistry();
    const withIndicators = registry.ids().filter((id) => registry.latest(id)?.indicators?.length);
    if (values.remove) {
      const removed = await store.deleteDemo();
      for (const id of withIndicators) {
        await store.changeSettings(id, { admitSimulated: false }, Date.now());
        const stored = await store.publications(id);
        const hadSimulated = stored.some(
          (p) => (JSON.parse(p.document) as PublicationDocument).isSimulated,
        );
        if (hadSimulated) await store.deletePublications(id);
      }
      console.log(
        `removed ${removed} simulated response(s) and the publications that included them`,
      );
      return 0;
    }
    for (const id of withIndicators) {
      const real = (await store.publicationSources(id)).filter(
        (s) => s.provenance !== 'simulated',
      ).length;
      if (real > 0) {
        console.error(
          `${id} has ${real} real response(s): simulated answers are not mixed into a real round`,
        );
        return 1;
      }
    }
    await store.deleteDemo();
    const count = Number(values.count ?? 60);
    const random = mulberry32(Number(values.seed ?? 2021));
    const now = Date.now();
    const publications = createPublications(store, registry, {
      k: 5,
      settledAfterMs: 0,
      now: Date.now,
    });
    for (const id of withIndicators) {
      const spec = registry.latest(id);
      if (!spec) continue;
      let stored = 0;
      for (let i = 0; i < count; i++) {
        const answers = simulatedAnswers(spec, random);
        const status = random() < 0.9 ? 'submitted' : 'draft';
        const checked = checkSubmission(spec, answers, status);
        if (!checked.ok) continue;
        const responseId = randomUUID();
        const credentialId = randomUUID();
        await store.createCredential(
          {
            id: credentialId,
            tokenHash: hashToken(newToken()),
            kind: 'invitation',
            questionnaireId: id,
            responseId,
            label: DEMO_LABEL,
            expiresAt: null,
          },
          now,
        );
        await store.saveResponse(
          {
            id: responseId,
            questionnaireId: id,
            questionnaireVersion: spec.version,
            status,
            version: 1,
            answers: checked.value,
            answeredAt: {},
            contentHash: contentHash(checked.value),
            credentialId,
            summary: summarizeRespondent(spec, checked.value),
            provenance: 'simulated',
          },
          now,
        );
        stored += 1;
      }
      // A demo server shows test figures at once; the app labels them as simulated, never as a round's.
      await store.changeSettings(id, { admitSimulated: true }, now);
      const outcome = await publications.publish(id);
      const published =
        outcome?.kind === 'published' ? `, publication ${outcome.document.number}` : '';
      console.log(`${id}: ${stored} simulated responses (marked as demo data)${published}`);
    }
    return 0;
  } finally {
    await store.close();
  }
}

process.exitCode = await main();
