/**
 * Hashes backup files (copying one on the way when asked) and makes writes
 * durable: fsync of the file, then of the folder whose entry a rename changed.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface FileDigest {
  readonly bytes: number;
  readonly sha256: string;
}

/** Size and SHA-256 of a file, copied to `copyTo` on the way when given (never over an existing file). */
export async function digest(file: string, copyTo?: string): Promise<FileDigest> {
  const hash = createHash('sha256');
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  const sink = copyTo
    ? createWriteStream(copyTo, { flags: 'wx' })
    : new Writable({ write: (_chunk, _encoding, done) => done() });
  await pipeline(createReadStream(file), tap, sink);
  return { bytes, sha256: hash.digest('hex') };
}

/** A file is opened for writing to be flushed; a folder can only be opened for reading. */
async function flushToDisk(path: string, flags: 'r' | 'r+'): Promise<void> {
  const handle = await open(path, flags);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export const syncFile = (file: string) => flushToDisk(file, 'r+');

/** Makes a rename or removal in the folder survive a crash. */
export const syncDirectory = (directory: string) => flushToDisk(directory, 'r');

/** Written to a temporary name, flushed, then renamed: never a half-written file under the real name. */
export async function writeDurably(file: string, text: string): Promise<void> {
  const partial = `${file}.partial-${process.pid}`;
  await writeFile(partial, text);
  await syncFile(partial);
  await rename(partial, file);
  await syncDirectory(dirname(file));
}
