/**
 * What the store needs of a database: parameterised SQL, a transaction on one connection, close. Two engines speak
 * it — PGlite (PostgreSQL compiled to WebAssembly, embedded) and any PostgreSQL server through `pg` — and every
 * statement the store runs is plain PostgreSQL, the same text on both.
 */
export interface Sql {
  /** One statement with `$1`… parameters; the rows it returns. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
}

export interface Engine extends Sql {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction on one connection: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  /** Several statements in one string, no parameters (migrations). */
  exec(text: string): Promise<void>;
  close(): Promise<void>;
}

/** A database error the application can do nothing about but wait: the store is unreachable, closed or full. */
export class StoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}
