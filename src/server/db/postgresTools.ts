/**
 * Runs PostgreSQL's pg_dump and pg_restore as child processes; they write
 * where their arguments say (a dump file, or the database itself).
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { refuse, type Outcome } from './outcome.ts';

/**
 * pg_dump / pg_restore from PATH, else the newest Debian install
 * (/usr/lib/postgresql/<major>/bin). The password goes in PGPASSWORD, not
 * on the command line where `ps` would show it.
 */
export async function runPostgresTool(
  tool: 'pg_dump' | 'pg_restore',
  url: string,
  args: readonly string[],
): Promise<Outcome<null>> {
  const command = findTool(tool);
  if (!command)
    return refuse(
      `${tool} not found: install the PostgreSQL client tools (apt-get install postgresql-client), the server's major version or newer`,
    );
  const connection = new URL(url);
  const password = decodeURIComponent(connection.password);
  connection.password = '';
  const env = password ? { ...process.env, PGPASSWORD: password } : process.env;
  const child = spawn(command, [...args, `--dbname=${connection.href}`], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => {
    stderr = (stderr + text).slice(-4000);
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  if (code === 0) return { ok: true, value: null };
  const detail = stderr.trim() || `exit code ${String(code)}`;
  return refuse(
    tool === 'pg_restore'
      ? `pg_restore failed, nothing was changed (one transaction): ${detail}`
      : `pg_dump failed: ${detail}`,
  );
}

export function findTool(tool: string): string | undefined {
  const debian = '/usr/lib/postgresql';
  const majors = existsSync(debian)
    ? readdirSync(debian)
        .filter((name) => /^\d+$/.test(name))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const folders = [
    ...(process.env.PATH ?? '').split(delimiter).filter(Boolean),
    ...majors.map((major) => join(debian, major, 'bin')),
  ];
  return folders
    .map((folder) => join(folder, tool))
    .find((candidate) => {
      try {
        accessSync(candidate, constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
}
