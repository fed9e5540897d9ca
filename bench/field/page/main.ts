// The page of `npm run bench:field`: collects responses into this browser's IndexedDB and sends them with the app's own code.
import { sendableAnswers } from '../../../src/engine/index.ts';
import { loadQuestionnaire } from '../../../src/platform/catalog.ts';
import { collectorStore, draftStore, outboxStore } from '../../../src/storage/index.ts';
import { enrol } from '../../../src/sync/client.ts';
import { sendCollectedNow } from '../../../src/sync/startSync.ts';
import { responseDigest } from '../digest.ts';
import type { DeviceResponse, FieldApi, FieldWindow, PlannedRespondent } from './fieldApi.ts';

/**
 * Nothing here is the bench's own storage or sync: enrolment is `client.ts`'s `enrol` and the
 * collector store's, a respondent starts through `startRespondent`, answers are saved with the
 * draft store's `saveAnswers` and `submit` (as the answering session writes them), and «Send alle»
 * is `sendCollectedNow`, the collector screen's button. The background sender is not started: the
 * bench counts presses.
 */

/** A respondent's own-link token: 256 random bits, base64url, made on the device (SY17). */
function newRespondentToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
}

async function queueOne(planned: PlannedRespondent): Promise<void> {
  const responseId = crypto.randomUUID();
  await collectorStore().startRespondent({
    questionnaire: planned.questionnaire,
    label: planned.label,
    responseId,
    respondentToken: newRespondentToken(),
    now: Date.now(),
  });
  for (const save of planned.saves) await draftStore().saveAnswers(responseId, save, Date.now());
  if (planned.submit) await draftStore().submit(responseId, Date.now());
}

async function deviceResponse(
  entry: Awaited<ReturnType<ReturnType<typeof collectorStore>['roster']>>[number],
): Promise<DeviceResponse> {
  const { responseId } = entry.respondent;
  const [draft, row, credential] = await Promise.all([
    draftStore().get(responseId),
    outboxStore().get(responseId),
    outboxStore().credential(responseId),
  ]);
  let held: DeviceResponse['draft'] = null;
  if (draft) {
    const spec = await loadQuestionnaire(draft.questionnaireId, draft.questionnaireVersion);
    held = {
      questionnaireId: draft.questionnaireId,
      questionnaireVersion: draft.questionnaireVersion,
      revision: draft.revision,
      status: draft.status,
      digest: await responseDigest({ ...draft, answers: sendableAnswers(spec, draft.answers) }),
    };
  }
  return {
    responseId,
    respondentToken: entry.respondent.respondentToken,
    removed: entry.respondent.removed,
    isAcknowledged: entry.isAcknowledged,
    delivery: entry.delivery.kind,
    draft: held,
    hasOutboxRow: row !== undefined,
    hasCredential: credential !== undefined,
  };
}

const api: FieldApi = {
  async enrol(token) {
    const reply = await enrol(token);
    if (reply.kind !== 'enrolled') return reply.kind;
    const outcome = await collectorStore().enrol({
      ...reply.enrolment,
      token,
      enrolledAt: Date.now(),
    });
    return outcome.kind;
  },

  async queue(respondents) {
    const started = performance.now();
    for (const planned of respondents) await queueOne(planned);
    return performance.now() - started;
  },

  async press() {
    const started = performance.now();
    const report = await sendCollectedNow();
    const ms = performance.now() - started;
    const { results } = report;
    const count = (kind: (typeof results)[number]['kind']) =>
      results.filter((r) => r.kind === kind).length;
    return {
      ms,
      responses: results.length,
      acknowledged: count('acknowledged'),
      removed: results.filter((r) => r.kind === 'acknowledged' && r.isRemoved).length,
      queued: results.filter((r) => r.kind === 'queued' && r.isTried).length,
      untried: results.filter((r) => r.kind === 'queued' && !r.isTried).length,
      attention: results.flatMap((r) => (r.kind === 'attention' ? [r.problem] : [])),
      gone: count('gone'),
      removedEarlier: report.removedEarlier.length,
      left: (await collectorStore().unacknowledged()).length,
    };
  },

  async device() {
    const roster = await collectorStore().roster();
    const held: DeviceResponse[] = [];
    for (const entry of roster) held.push(await deviceResponse(entry));
    return held;
  },
};

(window as FieldWindow).__field = api;
