import type { Receipt } from '../receipts-validate';
import type { Engine } from './engine';
import { migrate } from './migrate';
import { openPglite } from './pglite';
import { openPostgres } from './postgres';
import { parseRange, type TimeRange } from './range';
import { type ConsentCount, countReceipts, type PurgeOptions, purgeReceipts } from './retention';
import { exportRange, receiptsOf, type SaveOutcome, saveReceipt, type StoredReceipt } from './receipts-sql';

export interface ConsentStoreOptions {
  /** The PGlite directory (embedded PostgreSQL). Default `./.consent-relay/`. Ignored with `url`. */
  dir?: string;
  /** A PostgreSQL connection string (`postgres://user:password@host:5432/db`); the store then uses `pg`. */
  url?: string;
  /** PostgreSQL pool size. Default 10. */
  max?: number;
  /** How long to wait for a PostgreSQL connection. Default 10 s. */
  connectTimeoutMs?: number;
  /** Where connection trouble after start is reported. Default `console`. */
  log?: { error(message: string): void };
}

/** Proof of consent and the reporter's shared state, in PGlite or PostgreSQL (docs/SPEC.md §7 "Consent records"). */
export interface ConsentStore {
  readonly engine: 'pglite' | 'postgres';
  /** Every receipt received in [since, until), oldest first: `{ id, visitor, receivedAt, …the receipt's fields }`. */
  exportReceipts(range?: TimeRange): AsyncIterable<StoredReceipt>;
  /** The visitor's own receipts when `key` is theirs, else null. */
  receiptsOf(visitor: string, key: string): Promise<StoredReceipt[] | null>;
  /** Stores a validated receipt (what the receipts handler calls). */
  saveReceipt(receipt: Receipt, digest: string, key: string | null, now: number): Promise<SaveOutcome>;
  /** Deletes receipts past retention; resolves with how many went. */
  purgeReceipts(options?: PurgeOptions): Promise<number>;
  /** Per regime and category, how many visitors' latest decisions granted or denied it. */
  countReceipts(range?: TimeRange): Promise<ConsentCount[]>;
  /** The database, for the reporter's shared state. */
  readonly db: Engine;
  close(): Promise<void>;
}

/**
 * Opens the store and brings its schema up to date. Rejects with a clear error when the database cannot be opened:
 * a PostgreSQL server that does not answer (its host named, never the password), a PGlite directory that cannot be
 * written, a missing optional package (`@electric-sql/pglite` or `pg`).
 *
 * @example
 * const store = await createConsentStore({ url: process.env.DATABASE_URL });
 */
export async function createConsentStore(options: ConsentStoreOptions = {}): Promise<ConsentStore> {
  checkOptions(options);
  const log = options.log ?? console;
  const db = options.url
    ? await openPostgres(options.url, {
        max: options.max,
        connectTimeoutMs: options.connectTimeoutMs,
        onError: (m) => log.error(m),
      })
    : await openPglite(options.dir ?? '.consent-relay');
  try {
    await migrate(db);
  } catch (err) {
    await db.close().catch(() => {});
    throw err;
  }
  return {
    engine: db.kind,
    db,
    exportReceipts(range) {
      const { since, until } = parseRange(range);
      return exportRange(db, since, until);
    },
    receiptsOf: (visitor, key) => receiptsOf(db, visitor, key),
    saveReceipt: (receipt, digest, key, now) => saveReceipt(db, receipt, digest, key, now),
    purgeReceipts: (o) => purgeReceipts(db, o),
    countReceipts(range) {
      const { since, until } = parseRange(range);
      return countReceipts(db, since, until);
    },
    close: () => db.close(),
  };
}

const KNOWN = ['dir', 'url', 'max', 'connectTimeoutMs', 'log'];

/**
 * A bad option is a `TypeError` naming it (a rejected promise, as everything else here): a misspelt `{ URL }` or
 * `{ directory }` would otherwise open an embedded store in ./.consent-relay/ instead of the one meant.
 */
function checkOptions(options: ConsentStoreOptions): void {
  const fail = (rule: string): never => {
    throw new TypeError(`consent-relay/server: createConsentStore ${rule}`);
  };
  if (typeof options !== 'object' || options === null) fail('options must be an object');
  for (const key of Object.keys(options))
    if (!KNOWN.includes(key)) fail(`option "${key}" is not one of ${KNOWN.join(', ')}`);
  const { url, dir, max, connectTimeoutMs, log } = options;
  // `{ url: process.env.DATABASE_URL }` with the variable unset means a PostgreSQL store was meant: an embedded one
  // in this process's directory instead would scatter proof of consent over replicas (and lose it with a container).
  if ('url' in options && !url)
    fail('option "url" is empty (is DATABASE_URL set?); leave it out for the embedded store in ./.consent-relay/');
  if (url !== undefined && typeof url !== 'string') fail('option "url" must be a connection string');
  if (dir !== undefined && typeof dir !== 'string') fail('option "dir" must be a directory path');
  if (max !== undefined && !(Number.isInteger(max) && max > 0)) fail('option "max" must be an integer > 0');
  if (connectTimeoutMs !== undefined && !(Number.isFinite(connectTimeoutMs) && connectTimeoutMs > 0))
    fail('option "connectTimeoutMs" must be a finite number > 0');
  if (log !== undefined && typeof log?.error !== 'function') fail('option "log" must have an error function');
}
