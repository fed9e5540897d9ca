import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * `npm start` as the README promises it: the prestart builds what is missing
 * or stale, then npm runs node on the compiled server (dist-server/) as its
 * direct child, so a stop signal reaches the server, which closes the HTTP
 * server and the database and exits 0. The compiled code needs only node and
 * `dependencies`: tsx can enter a process only through its command line or an
 * import, and both are checked here.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const COMPILED = join(ROOT, 'dist-server');
const dataDir = mkdtempSync(join(tmpdir(), 'barometer-start-'));
const processGroups: number[] = [];

beforeAll(() => {
  // Builds only what is missing or older than its sources (after other tests, usually nothing).
  const built = spawnSync(process.execPath, ['bin/build.js', '--if-stale'], {
    cwd: ROOT,
    env: withoutNodeEnv(),
    encoding: 'utf8',
  });
  expect(built.status, built.stderr).toBe(0);
}, 300_000);

afterAll(() => {
  for (const group of processGroups) {
    try {
      process.kill(-group, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
});

function withoutNodeEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  // Vitest sets NODE_ENV=test; production mode would skip the build check. No loader either.
  delete env.NODE_ENV;
  delete env.NODE_OPTIONS;
  return env;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

interface Started {
  readonly process: ChildProcess;
  readonly pid: number;
  readonly port: number;
  readonly exited: Promise<number | null>;
  output(): string;
}

/** Starts a command in its own process group (as a terminal would) and waits for the start-up line. */
async function start(command: string, args: string[], cwd = ROOT): Promise<Started> {
  const port = await freePort();
  const child = spawn(command, args, {
    cwd,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...withoutNodeEnv(),
      PORT: String(port),
      HOST: '127.0.0.1',
      SQLITE_FILE: join(dataDir, `${port}.sqlite`),
      PUBLISH_AT: 'off',
    },
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${command} did not start`);
  processGroups.push(pid);
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Barometer is running at')) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => reject(new Error(`exited (${code}) before running:\n${output}`)));
  });
  return { process: child, pid, port, exited, output: () => output };
}

/** The processes whose parent is `pid` (Linux /proc). */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        // "pid (comm) state ppid …"; comm may hold spaces, so read after the last ')'.
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

const commandLine = (pid: number) =>
  readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);

async function expectServing(port: number) {
  const response = await fetch(`http://127.0.0.1:${port}/api/benchmarks/stat-2021-operativ`);
  expect(response.status).toBe(404);
  expect(await response.json()).toMatchObject({ error: 'not_published' });
}

describe('npm start', () => {
  it('runs node on the compiled server as its direct child; SIGTERM to that process stops it with 0 and frees the port', async () => {
    const server = await start('npm', ['start']);
    const children = childrenOf(server.pid);
    expect(children).toHaveLength(1);
    const [child] = children;
    expect(commandLine(child!)).toEqual(['node', 'dist-server/server/start.js']);
    await expectServing(server.port);

    process.kill(child!, 'SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('Barometer stopped (SIGTERM)');
    expect(await canConnect(server.port)).toBe(false);
  }, 120_000);

  it('SIGTERM to npm itself (a supervisor, docker stop) reaches the server: exit 0', async () => {
    const server = await start('npm', ['start']);
    await expectServing(server.port);
    process.kill(server.pid, 'SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('Barometer stopped (SIGTERM)');
    expect(await canConnect(server.port)).toBe(false);
  }, 120_000);

  it('Ctrl-C (SIGINT to npm and the server at once) stops it once, with 0', async () => {
    const server = await start('npm', ['start']);
    process.kill(-server.pid, 'SIGINT');
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('Barometer stopped (SIGINT)');
    expect(await canConnect(server.port)).toBe(false);
  }, 120_000);
});

describe('the compiled server', () => {
  it('runs with node alone, without a loader, from any working directory', async () => {
    const server = await start(process.execPath, [join(COMPILED, 'server', 'start.js')], dataDir);
    // No --import/--loader: nothing but node and the file.
    expect(commandLine(server.pid)).toEqual([process.execPath, join(COMPILED, 'server/start.js')]);
    await expectServing(server.port);
    // The built app and the questionnaires are found from the installation, not the working directory.
    const page = await fetch(`http://127.0.0.1:${server.port}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    server.process.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  }, 120_000);

  it('imports nothing but Node built-ins, dependencies and its own files', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const files = readdirSync(COMPILED, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.js'))
      .map((file) => join(COMPILED, file));
    expect(files.length).toBeGreaterThan(10);
    const wrong: string[] = [];
    for (const file of files) {
      // TypeScript's own scanner finds static, dynamic and require() imports, not look-alikes in strings.
      const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
      for (const { fileName: name } of importedFiles) {
        const where = `${relative(ROOT, file)}: ${name}`;
        if (name.startsWith('.')) {
          if (!name.endsWith('.js')) wrong.push(`${where} (a relative import left unrewritten)`);
          continue;
        }
        if (name.startsWith('node:') || builtinModules.includes(name)) continue;
        const pkg = name.startsWith('@')
          ? name.split('/').slice(0, 2).join('/')
          : (name.split('/')[0] ?? '');
        if (!(pkg in manifest.dependencies)) wrong.push(`${where} (not in dependencies)`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
