import * as yup from 'yup';
import { canonicalJson } from './canonicalJson.ts';
import { closed, label, lazily, SHA256_HEX } from './fields.ts';
import { UUID } from './ids.ts';
import { optionalTimes, responseFields } from './responses.ts';

/**
 * The file a collector device exports when it cannot sync (SYNC.md SY18):
 * every unsent response in one plain JSON file that the survey owner imports
 * (SY19). Readable without Barometer; its checksum is SHA-256 over the
 * canonical JSON of everything but `checksum`, which `jq` and `sha256sum`
 * can recompute. Do not change a field without raising `formatVersion`.
 */
export const EXPORT_FORMAT = 'barometer.collector-export';
export const EXPORT_FORMAT_VERSION = 1;
/** Responses one file may hold (the import route takes bodies of up to 50 MB). */
export const EXPORT_MAX_RESPONSES = 10_000;

/** ISO 8601 date and time with seconds and an offset (`Z` or `+02:00`). */
const ISO_WITH_OFFSET =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

export const exportedResponse = lazily(() =>
  closed({
    id: yup.string().strict().required('is required').matches(UUID, 'must be a UUID'),
    ...responseFields(),
    answeredAt: optionalTimes(),
    /** For the collector's eyes on the device; never sent, and ignored by the import. */
    respondentLabel: yup.string().strict().max(500).optional(),
  }),
);

export type ExportedResponse = yup.InferType<typeof exportedResponse>;

export const exportFile = lazily(() =>
  closed({
    format: yup
      .string()
      .strict()
      .required('is required')
      .oneOf([EXPORT_FORMAT] as const, `must be "${EXPORT_FORMAT}"`),
    formatVersion: yup
      .number()
      .strict()
      .required('is required')
      .oneOf(
        [EXPORT_FORMAT_VERSION] as const,
        `must be ${EXPORT_FORMAT_VERSION} (a newer Barometer may have made this file)`,
      ),
    exportedAt: yup
      .string()
      .strict()
      .required('is required')
      .matches(ISO_WITH_OFFSET, 'must be an ISO 8601 time with an offset'),
    collector: closed({
      id: yup.string().strict().required('is required').matches(UUID, 'must be a UUID'),
      label: label(200),
    }),
    responses: yup
      .array(exportedResponse)
      .strict()
      .required('is required')
      .max(EXPORT_MAX_RESPONSES),
    checksum: closed({
      algorithm: yup
        .string()
        .strict()
        .required('is required')
        .oneOf(['SHA-256'] as const, 'must be "SHA-256"'),
      value: yup
        .string()
        .strict()
        .required('is required')
        .matches(SHA256_HEX, 'must be a SHA-256 in lowercase hex (64 characters)'),
    }),
  }),
);

export type ExportFile = yup.InferType<typeof exportFile>;

/** An export file before it is sealed with its checksum. */
export type ExportFileContent = Omit<ExportFile, 'checksum'>;

/** SHA-256 of UTF-8 text in lowercase hex: passed in, as Web Crypto is async and Node's is not. */
export type Sha256Hex = (text: string) => string | Promise<string>;

/**
 * The checksum of a file (parsed, or before sealing): SHA-256 of the
 * canonical JSON of every field but `checksum`. The same as
 * `jq -cjS 'del(.checksum)' file.json | sha256sum` (SYNC.md SY18).
 */
export async function exportChecksum(file: object, sha256Hex: Sha256Hex): Promise<string> {
  const covered = Object.fromEntries(Object.entries(file).filter(([key]) => key !== 'checksum'));
  return sha256Hex(canonicalJson(covered));
}

/** The file as written: the content with its checksum. */
export async function sealExportFile(
  content: ExportFileContent,
  sha256Hex: Sha256Hex,
): Promise<ExportFile> {
  return {
    ...content,
    checksum: { algorithm: 'SHA-256', value: await exportChecksum(content, sha256Hex) },
  };
}
