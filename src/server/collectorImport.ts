import {
  exportChecksum,
  exportFile,
  type ExportedResponse,
  type ExportFile,
  type ImportOutcome,
  type ImportRefusal,
  type ImportReply,
} from '../contract/index.ts';
import { fieldReasons } from './api/payloads.ts';
import type { Collector } from './db/collectorStore.ts';
import { MAX_JSON_DEPTH, scanJson } from './http.ts';
import { writeResponse, type WriteDeps, type WriteResult } from './responseWrites.ts';
import { sha256Hex } from './tokens.ts';

/**
 * Imports a collector's export file (SYNC.md SY18–SY19) into the database,
 * for `POST /api/admin/imports` and `npm run import` alike. The whole file is
 * checked first (JSON, checksum, format, collector) and refused with a reason
 * before anything is written; then each response goes through the same write
 * as a collector's save (SY16), so importing a file twice changes nothing.
 */
export type ImportResult =
  | { readonly ok: false; readonly refusal: ImportRefusal }
  | { readonly ok: true; readonly reply: ImportReply };

type ItemResult = ImportReply['results'][number];

const refuse = (
  error: ImportRefusal['error'],
  message: string,
  fields?: ImportRefusal['fields'],
): Extract<ImportResult, { ok: false }> => ({
  ok: false,
  refusal: { error, message, ...(fields ? { fields } : {}) },
});

export async function importExportFile(
  deps: WriteDeps,
  text: string,
  now: number,
): Promise<ImportResult> {
  const checked = await checkFile(text);
  if (!checked.ok) return checked;
  const file = checked.value;
  const collector = await deps.store.getCollector(file.collector.id);
  if (!collector)
    return refuse(
      'unknown_collector',
      `no collector ${file.collector.id} («${file.collector.label}») on this server; nothing was imported`,
    );

  const results: ItemResult[] = [];
  // One after another, as a device would send them: a file may hold the same response twice.
  for (const item of file.responses) results.push(await importOne(deps, collector, item, now));
  const counts = { created: 0, updated: 0, replay: 0, stale: 0, refused: 0 };
  for (const { outcome } of results) counts[outcome] += 1;
  return { ok: true, reply: { collectorId: collector.id, results, counts } };
}

type Refused = Extract<ImportResult, { ok: false }>;

async function checkFile(file: string): Promise<{ ok: true; value: ExportFile } | Refused> {
  // A byte-order mark (an editor on Windows) is no part of the JSON, nor of what the checksum covers.
  const text = file.replace(/^\uFEFF/, '');
  if (text.trim() === '') return refuse('truncated', 'the file is empty; nothing was imported');
  const shape = scanJson(text, MAX_JSON_DEPTH);
  if (shape === 'too_deep')
    return refuse(
      'not_json',
      `the file nests deeper than ${MAX_JSON_DEPTH} levels; nothing was imported`,
    );
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return shape === 'unclosed'
      ? refuse('truncated', `the file ends before its JSON does (${reason}); nothing was imported`)
      : refuse('not_json', `the file is not JSON (${reason}); nothing was imported`);
  }
  // The checksum first: any byte changed in a sealed file is named as such, whatever else it broke.
  const claimed = sealedChecksum(json);
  if (claimed !== undefined && claimed !== (await exportChecksum(json as object, sha256Hex)))
    return refuse(
      'checksum_mismatch',
      'the file does not match its checksum: it was changed or damaged after it was exported; nothing was imported',
    );
  try {
    return { ok: true, value: exportFile.validateSync(json, { abortEarly: false, strict: true }) };
  } catch (error) {
    const fields = fieldReasons(error);
    return refuse(
      'invalid_file',
      `not a collector export file Barometer can read (${fields.length} problem(s)); nothing was imported`,
      fields,
    );
  }
}

/** The checksum a file claims, when it claims one in the expected place. */
function sealedChecksum(json: unknown): string | undefined {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
  const { checksum } = json as { checksum?: unknown };
  if (typeof checksum !== 'object' || checksum === null) return undefined;
  const { value } = checksum as { value?: unknown };
  return typeof value === 'string' ? value : undefined;
}

async function importOne(
  deps: WriteDeps,
  collector: Collector,
  item: ExportedResponse,
  now: number,
): Promise<ItemResult> {
  // Only the fields of a save: the respondent's label stays in the file, never stored (PRIVACY.md).
  const body = {
    questionnaireId: item.questionnaireId,
    questionnaireVersion: item.questionnaireVersion,
    status: item.status,
    version: item.version,
    answers: item.answers,
    answeredAt: item.answeredAt ?? {},
    ...(item.respondentKeyHash === undefined ? {} : { respondentKeyHash: item.respondentKeyHash }),
  };
  // The owner imports a revoked or expired collector's file too; its scope still holds.
  const result = await writeResponse(deps, { kind: 'collector', collector }, item.id, body, now);
  return { id: item.id, ...itemOutcome(result) };
}

function itemOutcome(result: WriteResult): Omit<ItemResult, 'id'> {
  switch (result.kind) {
    case 'invalid':
      return { outcome: 'refused', reason: result.error, fields: [...result.fields] };
    case 'refused':
      return { outcome: 'refused', reason: result.reason };
    case 'saved': {
      const { kind, response } = result.outcome;
      const outcome: ImportOutcome | undefined =
        kind === 'stored'
          ? result.isNew
            ? 'created'
            : 'updated'
          : kind === 'replay' || kind === 'stale'
            ? kind
            : undefined;
      return outcome
        ? { outcome, version: response.version }
        : { outcome: 'refused', reason: kind, version: response.version };
    }
  }
}
