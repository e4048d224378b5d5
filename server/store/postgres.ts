import { errorMessage } from '../error-message';
import { type Engine, StoreUnavailableError, type Sql } from './engine';

/** `pg`, loaded on first use: only installs that point the store at a PostgreSQL server need it. */
const PACKAGE = 'pg';

interface ClientLike {
  query(text: string, params?: unknown[]): Promise<{ rows: any[] }>;
  release(err?: Error | boolean): void;
}
interface PoolLike {
  query(text: string, params?: unknown[]): Promise<{ rows: any[] }>;
  connect(): Promise<ClientLike>;
  end(): Promise<void>;
  on(event: 'error', fn: (err: Error) => void): unknown;
}

export interface PostgresOptions {
  /** Connections in the pool. Default 10. */
  max?: number;
  /** How long to wait for a connection before giving up. Default 10 s. */
  connectTimeoutMs?: number;
  onError?: (message: string) => void;
}

/**
 * The connection string's server as logs may show it: host and port, database; never the user's password (nor the
 * user, nor query parameters, which may hold `password=` or `sslkey=`).
 */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    const host = u.hostname || new URLSearchParams(u.search).get('host') || 'localhost';
    return `${host}${u.port ? `:${u.port}` : ''}${u.pathname.length > 1 ? u.pathname : ''}`;
  } catch {
    return 'an unparsable connection string';
  }
}

/**
 * Connects to PostgreSQL and checks it answers: an unreachable server, a wrong password or a missing database
 * rejects here, at start, with the host named and the password not.
 */
export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<Engine> {
  const where = describeUrl(url);
  let pg: { Pool: new (config: object) => PoolLike; default?: { Pool: new (config: object) => PoolLike } };
  try {
    pg = (await import(/* @vite-ignore */ PACKAGE)) as typeof pg;
  } catch {
    throw new Error(`consent-relay/server: a PostgreSQL store needs the pg package (npm install ${PACKAGE})`);
  }
  const Pool = pg.Pool ?? pg.default!.Pool;
  const pool = new Pool({
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    idleTimeoutMillis: 30_000,
  });
  // pg emits 'error' on the pool when an idle connection dies (server restarted, network cut). Unhandled, an
  // 'error' event ends the Node process; here it is a log line, and the next query reconnects or fails with a 503.
  pool.on('error', (err) => options.onError?.(`consent-relay/server: PostgreSQL at ${where}: ${errorMessage(err)}`));
  const fail = (err: unknown) =>
    new StoreUnavailableError(`consent-relay/server: PostgreSQL at ${where}: ${scrub(errorMessage(err), url)}`, {
      cause: err,
    });
  const wrap = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (err) {
      throw isConnectionError(err) ? fail(err) : err;
    }
  };
  try {
    await pool.query('SELECT 1');
  } catch (err) {
    await pool.end().catch(() => {});
    throw new Error(`consent-relay/server: cannot reach PostgreSQL at ${where}: ${scrub(errorMessage(err), url)}`);
  }
  const sql = (q: { query: PoolLike['query'] }): Sql => ({
    query: (text, params) => wrap(async () => (await q.query(text, params)).rows),
  });
  let ended = false;
  return {
    kind: 'postgres',
    ...sql(pool),
    async transaction(fn) {
      const client = await wrap(() => pool.connect());
      try {
        await client.query('BEGIN');
        const result = await fn(sql(client));
        await client.query('COMMIT');
        client.release();
        return result;
      } catch (err) {
        // A failed ROLLBACK means the connection is broken: drop it from the pool rather than reuse it.
        const broken = await client.query('ROLLBACK').then(
          () => false,
          () => true,
        );
        client.release(broken);
        throw isConnectionError(err) ? fail(err) : err;
      }
    },
    exec: (text) => wrap(async () => void (await pool.query(text))),
    async close() {
      if (ended) return;
      ended = true;
      await pool.end();
    },
  };
}

/** Node's socket errors and PostgreSQL's connection-exception, operator-intervention and resource classes. */
function isConnectionError(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  if (typeof code === 'string' && (/^E[A-Z]+$/.test(code) || /^(08|53|57)/.test(code))) return true;
  return /Connection terminated|connection timeout|Client has encountered a connection error|Cannot use a pool after calling end/i.test(
    errorMessage(err),
  );
}

/** An error text that quotes the connection string (some drivers do) loses it. */
function scrub(text: string, url: string): string {
  let out = text.split(url).join('<connection string>');
  try {
    const password = decodeURIComponent(new URL(url).password);
    if (password) out = out.split(password).join('***');
  } catch {
    /* unparsable: nothing more to hide than the string itself */
  }
  return out;
}
