import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { checkSubmission, summarizeRespondent, type PublicationDocument } from '../engine/index.ts';
import { databaseConfig, openServerDatabase } from '../server/db/database.ts';
import { createServerStore, DEMO_LABEL } from '../server/db/serverStore.ts';
import { createPublications } from '../server/publications.ts';
import { loadRegistry } from '../server/questionnaireRegistry.ts';
import { contentHash, hashToken, newToken } from '../server/tokens.ts';
import { mulberry32 } from './seededRandom.ts';
import { simulatedAnswers } from './simulatedAnswers.ts';

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
