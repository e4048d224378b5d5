import { errorMessage } from '../error-message';
import { type Engine, StoreUnavailableError, type Sql } from './engine';

/** PGlite's package, loaded on first use: importing `consent-relay/server` must not pull in a WebAssembly database. */
const PACKAGE = '@electric-sql/pglite';
const FS = 'node:fs/promises';

interface NodeFs {
  mkdir(path: string, options: { recursive: true }): Promise<unknown>;
  access(path: string, mode: number): Promise<void>;
  constants: { W_OK: number };
}

interface PGliteLike {
  query<T>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
  exec(text: string): Promise<unknown>;
  transaction<T>(
    fn: (tx: { query<R>(text: string, params?: unknown[]): Promise<{ rows: R[] }> }) => Promise<T>,
  ): Promise<T>;
  close(): Promise<void>;
  readonly closed?: boolean;
}

/**
 * Opens (creating if need be) the PGlite database kept in `dir`. A directory that cannot be created or written
 * (read-only, not a directory, disk full) is a rejected promise naming it, never a crash.
 */
export async function openPglite(dir: string): Promise<Engine> {
  let mod: { PGlite: { create(dataDir: string): Promise<PGliteLike> } };
  try {
    mod = (await import(/* @vite-ignore */ PACKAGE)) as typeof mod;
  } catch {
    throw new Error(
      `consent-relay/server: the embedded store needs ${PACKAGE} (npm install ${PACKAGE}), or pass { url } for PostgreSQL`,
    );
  }
  const fail = (err: unknown) =>
    new StoreUnavailableError(`consent-relay/server: the PGlite store in ${dir} failed: ${errorMessage(err)}`, {
      cause: err,
    });
  let db: PGliteLike;
  try {
    // A computed specifier: the server half's types do not depend on Node's (it runs in Deno and Bun too).
    const { mkdir, access, constants } = (await import(/* @vite-ignore */ FS)) as NodeFs;
    await mkdir(dir, { recursive: true });
    // PGlite would find out only at its first write, deep inside WebAssembly; say which directory, now.
    await access(dir, constants.W_OK);
    db = await mod.PGlite.create(dir);
  } catch (err) {
    throw fail(err);
  }
  const wrap = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (err) {
      // A closed database is the embedded engine's "connection lost"; SQL errors stay what they are.
      throw db.closed || isFsError(err) ? fail(err) : err;
    }
  };
  const sql = (q: PGliteLike | Parameters<Parameters<PGliteLike['transaction']>[0]>[0]): Sql => ({
    query: <T>(text: string, params?: unknown[]) => wrap(async () => (await q.query<T>(text, params)).rows),
  });
  return {
    kind: 'pglite',
    ...sql(db),
    transaction: (fn) => wrap(() => db.transaction((tx) => fn(sql(tx)))),
    exec: (text) => wrap(async () => void (await db.exec(text))),
    close: async () => {
      if (!db.closed) await db.close();
    },
  };
}

/** ENOSPC, EROFS, EACCES, EIO: the directory under the database, not the SQL. */
function isFsError(err: unknown): boolean {
  const text = errorMessage(err);
  return /ENOSPC|EROFS|EACCES|EPERM|EIO|no space|read-only/i.test(text);
}
