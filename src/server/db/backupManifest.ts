/**
 * Writes and reads the sidecar manifest `<backup>.json` beside a backup file,
 * and checks the backup file's size and SHA-256 against it.
 */
import { readFile, stat } from 'node:fs/promises';
import * as yup from 'yup';
import { writeDurably, type FileDigest } from './backupFiles.ts';
import type { DatabaseConfig } from './database.ts';
import { refuse, type Outcome } from './outcome.ts';

export type BackupKind = DatabaseConfig['kind'];

/** Every table a backup's manifest counts; a restore finds the same number of rows in each. */
export const COUNTED_TABLES = ['responses', 'credentials', 'publications', 'collectors'] as const;

export type CountedTable = (typeof COUNTED_TABLES)[number];

export type RowCounts = Readonly<Record<CountedTable, number>>;

/**
 * The counts a manifest holds. Format 1 (before collector links were counted)
 * has no `collectors`: a restore of such a backup checks the other three.
 */
export type ManifestRows = Omit<RowCounts, 'collectors'> & { readonly collectors?: number };

/** The manifest format `backup.ts` writes; restore also reads format 1. */
export const MANIFEST_FORMAT_VERSION = 2;

/** The sidecar `<backup>.json`. Do not change a field without raising `formatVersion`. */
export interface BackupManifest {
  readonly format: 'barometer-backup';
  /** 2: `rows.collectors` (collector links) is counted; 1: it is not. */
  readonly formatVersion: 1 | typeof MANIFEST_FORMAT_VERSION;
  readonly kind: BackupKind;
  /** The backup file's name (without folder: the two files move together). */
  readonly file: string;
  readonly bytes: number;
  readonly sha256: string;
  /** The last migration applied in the backed-up database. */
  readonly migration: string;
  /** ISO 8601, when the snapshot was taken. */
  readonly takenAt: string;
  readonly rows: ManifestRows;
  /** PostgreSQL: the one schema dumped; null when the whole database was (schema `public`). */
  readonly schema: string | null;
}

export const manifestFileOf = (backupFile: string) => `${backupFile}.json`;

/** "40 responses, 1 credentials, 1 publications, 2 collectors"; a format 1 manifest's rows without collectors. */
export const describeRows = (rows: ManifestRows) =>
  COUNTED_TABLES.flatMap((table) => {
    const n = rows[table];
    return n === undefined ? [] : [`${n} ${table}`];
  }).join(', ');

/** The tables whose row count in `found` is not the one the manifest gives (tables it does not count are left out). */
export const tablesNotAsCounted = (found: RowCounts, manifest: ManifestRows): CountedTable[] =>
  COUNTED_TABLES.filter(
    (table) => manifest[table] !== undefined && manifest[table] !== found[table],
  );

/** `found` cut down to the tables the manifest counts, to set the two side by side. */
export const countedIn = (manifest: ManifestRows, found: RowCounts): ManifestRows =>
  manifest.collectors === undefined
    ? {
        responses: found.responses,
        credentials: found.credentials,
        publications: found.publications,
      }
    : found;

export async function writeManifest(backupFile: string, manifest: BackupManifest): Promise<void> {
  await writeDurably(manifestFileOf(backupFile), `${JSON.stringify(manifest, null, 2)}\n`);
}

const count = () => yup.number().integer().min(0).required();

const manifestSchema = yup
  .object({
    format: yup.string().oneOf(['barometer-backup']).required(),
    formatVersion: yup.number().oneOf([1, MANIFEST_FORMAT_VERSION]).required(),
    kind: yup.string().oneOf(['sqlite', 'postgres']).required(),
    file: yup.string().required(),
    bytes: yup.number().integer().min(0).required(),
    sha256: yup
      .string()
      .matches(/^[0-9a-f]{64}$/)
      .required(),
    migration: yup.string().required(),
    takenAt: yup.string().required(),
    rows: yup
      .object({
        responses: count(),
        credentials: count(),
        publications: count(),
        // Format 1 did not count collector links; from format 2 the count is required.
        collectors: yup
          .number()
          .integer()
          .min(0)
          .when('$formatVersion', {
            is: 1,
            then: (schema) =>
              schema.test(
                'format-1',
                'rows.collectors is not part of format 1',
                (value) => value === undefined,
              ),
            otherwise: (schema) => schema.required(),
          }),
      })
      .noUnknown()
      .required(),
    schema: yup.string().nullable().defined(),
  })
  .noUnknown()
  .strict();

/** Reads and checks `<backup>.json`; the reasons name the manifest and what is wrong in it. */
export async function readManifest(backupFile: string): Promise<Outcome<BackupManifest>> {
  const file = manifestFileOf(backupFile);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return refuse(
      `no manifest at ${file}: a backup is restored only together with the manifest written beside it`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return refuse(`${file} is not JSON (damaged or truncated manifest)`);
  }
  try {
    const formatVersion = (json as { formatVersion?: unknown } | null)?.formatVersion;
    const manifest = await manifestSchema.validate(json, {
      abortEarly: false,
      context: { formatVersion },
    });
    return { ok: true, value: manifest as BackupManifest };
  } catch (error) {
    const reasons = error instanceof yup.ValidationError ? error.errors.join('; ') : String(error);
    return refuse(`${file} is not a Barometer backup manifest: ${reasons}`);
  }
}

/** The cheap check, before anything is read or touched: the file is there and as long as the manifest says. */
export async function checkSize(file: string, manifest: BackupManifest): Promise<Outcome<null>> {
  let bytes: number;
  try {
    bytes = (await stat(file)).size;
  } catch {
    return refuse(`no backup file at ${file}`);
  }
  if (bytes < manifest.bytes)
    return refuse(
      `${file} is truncated: ${bytes} bytes, but the manifest says ${manifest.bytes}; nothing was restored`,
    );
  if (bytes !== manifest.bytes)
    return refuse(
      `${file} has ${bytes} bytes, but the manifest says ${manifest.bytes}; nothing was restored`,
    );
  return { ok: true, value: null };
}

export function checkDigest(
  file: string,
  manifest: BackupManifest,
  found: FileDigest,
): Outcome<BackupManifest> {
  if (found.bytes !== manifest.bytes || found.sha256 !== manifest.sha256)
    return refuse(
      `${file} does not match its manifest (SHA-256 ${found.sha256}, expected ${manifest.sha256}): the file was altered or damaged; nothing was restored`,
    );
  return { ok: true, value: manifest };
}
