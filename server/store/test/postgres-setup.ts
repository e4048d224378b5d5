/**
 * Vitest global setup: a throw-away PostgreSQL cluster for the store tests, in a temp directory on a free port on
 * 127.0.0.1, from Debian's binaries (`apt-get install postgresql`). Tests read its URL with `inject('pgUrl')`; where
 * the binaries are missing the URL is '' and the PostgreSQL half of the store tests is skipped with the reason
 * printed. The server stops by itself when the test process ends, however it ends (its wrapper waits on our pipe).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
    pgSkipReason: string;
    pgliteTemplate: string;
  }
}

const BIN = process.env.CONSENT_RELAY_PG_BIN || '/usr/lib/postgresql/15/bin';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/**
 * A new PGlite directory runs initdb in WebAssembly: 15 s here, over a minute at a load average of 20. Made once, with
 * the schema, and copied for each test store (opening a copy takes a few seconds).
 */
async function pgliteTemplate(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'consent-relay-pglite-template-'));
  const { createConsentStore } = await import('../create-store');
  const store = await createConsentStore({ dir });
  await store.close();
  project.provide('pgliteTemplate', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}

export default async function setup(project: TestProject) {
  const removeTemplate = await pgliteTemplate(project);
  const stopPostgres = await startPostgres(project);
  return async () => {
    await stopPostgres?.();
    removeTemplate();
  };
}

async function startPostgres(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  if (process.env.DATABASE_URL_TEST) {
    project.provide('pgUrl', process.env.DATABASE_URL_TEST);
    project.provide('pgSkipReason', '');
    return;
  }
  const skip = (reason: string): undefined => {
    console.warn(`[store tests] PostgreSQL half skipped: ${reason}`);
    project.provide('pgUrl', '');
    project.provide('pgSkipReason', reason);
  };
  if (!existsSync(join(BIN, 'initdb'))) return skip(`no ${BIN}/initdb (apt-get install postgresql)`);
  const root = process.getuid?.() === 0;
  // PostgreSQL refuses to run as root: as root, run it as the postgres user.
  const as = (cmd: string, args: string[]) =>
    (root ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args]) as [string, string[]];
  const dir = mkdtempSync(join(tmpdir(), 'consent-relay-pg-'));
  let child: ChildProcess | undefined;
  try {
    if (root) execFileSync('chown', ['postgres', dir]);
    const data = join(dir, 'data');
    execFileSync(
      ...as(join(BIN, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']),
      {
        stdio: 'ignore',
      },
    );
    const port = await freePort();
    // `cat` returns when our end of its stdin closes (this process ended, even by SIGKILL): postgres is stopped then.
    const script = `"${BIN}/postgres" -D "${data}" -p ${port} -h 127.0.0.1 -k "${dir}" -c fsync=off -c max_connections=60 & p=$!; cat >/dev/null; kill -INT $p; wait $p`;
    child = spawn(...as('sh', ['-c', script]), { stdio: ['pipe', 'ignore', 'pipe'] });
    let log = '';
    child.stderr!.on('data', (d) => (log += d));
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        execFileSync(join(BIN, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
        break;
      } catch {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`postgres did not start: ${log}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    project.provide('pgUrl', url);
    project.provide('pgSkipReason', '');
  } catch (err) {
    child?.stdin?.end();
    rmSync(dir, { recursive: true, force: true });
    return skip(String(err instanceof Error ? err.message : err));
  }
  return async () => {
    const exited = new Promise((r) => child!.once('exit', r));
    child!.stdin!.end();
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
}
