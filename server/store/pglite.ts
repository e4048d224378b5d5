import { errorMessage } from '../error-message';
import { type Engine, StoreUnavailableError, type Sql } from './engine';

/** PGlite's package, loaded on first use: importing `consent-relay/server` must not pull in a WebAssembly database. */
const PACKAGE = '@electric-sql/pglite';
const FS = 'node:fs/promises';

interface NodeFs {
  mkdir(path: string, options: { recursive: true }): Promise<unknown>;
  access(path: string, mode: number): Promise<void>;
  realpath(path: string): Promise<string>;
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

type PGliteModule = { PGlite: { create(dataDir: string): Promise<PGliteLike> } };

/**
 * The databases this process has open, by real directory path. Two PGlite instances on one directory each keep
 * their own copy of the database in memory and overwrite each other's writes on disk: a second
 * `createConsentStore({ dir })` of the same directory (a receipts module and a reporter module each opening "the"
 * store) shares the first one's instance instead, and the last `close()` closes it.
 */
const opened = new Map<string, { engine: Promise<Engine>; users: number }>();

/**
 * Opens (creating if need be) the PGlite database kept in `dir`, or shares the instance this process already has open
 * there. A directory that cannot be created or written (read-only, not a directory, disk full) is a rejected promise
 * naming it, never a crash.
 */
export async function openPglite(dir: string): Promise<Engine> {
  let mod: PGliteModule;
  try {
    mod = (await import(/* @vite-ignore */ PACKAGE)) as PGliteModule;
  } catch {
    throw new Error(
      `consent-relay/server: the embedded store needs ${PACKAGE} (npm install ${PACKAGE}), or pass { url } for PostgreSQL`,
    );
  }
  let fs: NodeFs;
  let where: string;
  try {
    // A computed specifier: the server half's types do not depend on Node's (it runs in Deno and Bun too).
    fs = (await import(/* @vite-ignore */ FS)) as NodeFs;
    await fs.mkdir(dir, { recursive: true });
    where = await fs.realpath(dir);
  } catch (err) {
    throw new StoreUnavailableError(`consent-relay/server: the PGlite store in ${dir} failed: ${reason(err)}`, {
      cause: err,
    });
  }
  let entry = opened.get(where);
  if (!entry) {
    const made = { engine: createPglite(dir, fs, mod), users: 0 };
    opened.set(where, made);
    made.engine.catch(() => opened.delete(where));
    entry = made;
  }
  entry.users++;
  const shared = entry;
  let engine: Engine;
  try {
    engine = await shared.engine;
  } catch (err) {
    shared.users--;
    throw err;
  }
  let closed = false;
  return {
    ...engine,
    async close() {
      if (closed) return;
      closed = true;
      if (--shared.users > 0) return;
      opened.delete(where);
      await engine.close();
    },
  };
}

async function createPglite(dir: string, fs: NodeFs, mod: PGliteModule): Promise<Engine> {
  const fail = (err: unknown) =>
    err instanceof StoreUnavailableError
      ? err
      : new StoreUnavailableError(`consent-relay/server: the PGlite store in ${dir} failed: ${reason(err)}`, {
          cause: err,
        });
  let db: PGliteLike;
  try {
    // PGlite would find out only at its first write, deep inside WebAssembly; say which directory, now.
    await fs.access(dir, fs.constants.W_OK);
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

/**
 * PGlite's file system errors are Emscripten's `ErrnoError`: no message, a WASI errno (the numbering of
 * wasi-libc's errno.h). The ones a database directory meets, by name; the rest by number.
 */
const WASI_ERRNO: Record<number, string> = {
  2: 'EACCES: permission denied',
  19: 'EDQUOT: disk quota exceeded',
  29: 'EIO: i/o error',
  51: 'ENOSPC: no space left on device',
  63: 'EPERM: operation not permitted',
  69: 'EROFS: read-only file system',
};

function reason(err: unknown): string {
  const errno = (err as { name?: unknown; errno?: unknown } | null)?.errno;
  if ((err as { name?: unknown } | null)?.name === 'ErrnoError' && typeof errno === 'number')
    return WASI_ERRNO[errno] ?? `file system error (errno ${errno})`;
  return errorMessage(err);
}

/** ENOSPC, EROFS, EACCES, EIO: the directory under the database, not the SQL. */
function isFsError(err: unknown): boolean {
  return (
    (err as { name?: unknown } | null)?.name === 'ErrnoError' ||
    /ENOSPC|EROFS|EACCES|EPERM|EIO|EDQUOT|no space|read-only/i.test(errorMessage(err))
  );
}
