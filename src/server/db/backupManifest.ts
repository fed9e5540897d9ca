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

export const COUNTED_TABLES = ['responses', 'credentials', 'publications'] as const;

export interface RowCounts {
  readonly responses: number;
  readonly credentials: number;
  readonly publications: number;
}

/** The sidecar `<backup>.json`. Do not change a field without raising `formatVersion`. */
export interface BackupManifest {
  readonly format: 'barometer-backup';
  readonly formatVersion: 1;
  readonly kind: BackupKind;
  /** The backup file's name (without folder: the two files move together). */
  readonly file: string;
  readonly bytes: number;
  readonly sha256: string;
  /** The last migration applied in the backed-up database. */
  readonly migration: string;
  /** ISO 8601, when the snapshot was taken. */
  readonly takenAt: string;
  readonly rows: RowCounts;
  /** PostgreSQL: the one schema dumped; null when the whole database was (schema `public`). */
  readonly schema: string | null;
}

export const manifestFileOf = (backupFile: string) => `${backupFile}.json`;

export const describeRows = (rows: RowCounts) =>
  `${rows.responses} responses, ${rows.credentials} credentials, ${rows.publications} publications`;

export async function writeManifest(backupFile: string, manifest: BackupManifest): Promise<void> {
  await writeDurably(manifestFileOf(backupFile), `${JSON.stringify(manifest, null, 2)}\n`);
}

const manifestSchema = yup
  .object({
    format: yup.string().oneOf(['barometer-backup']).required(),
    formatVersion: yup.number().oneOf([1]).required(),
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
        responses: yup.number().integer().min(0).required(),
        credentials: yup.number().integer().min(0).required(),
        publications: yup.number().integer().min(0).required(),
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
    const manifest = await manifestSchema.validate(json, { abortEarly: false });
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
