/** Test-only: the store on both engines — PGlite in a temp directory, and a fresh database on the test PostgreSQL. */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, inject } from 'vitest';
import { type ConsentStoreOptions, createConsentStore } from '../create-store';

export interface TestEngine {
  name: 'pglite' | 'postgres';
  /** why the engine is skipped here, or '' */
  skip: string;
  /** Options for a new, empty store (a new PGlite directory, a new PostgreSQL database). */
  fresh(): Promise<ConsentStoreOptions & { cleanup(): Promise<void> }>;
}

let dbCount = 0;

export const pglite: TestEngine = {
  name: 'pglite',
  skip: '',
  async fresh() {
    const dir = mkdtempSync(join(tmpdir(), 'consent-relay-pglite-'));
    // a copy of the template the global setup made (initdb in WebAssembly is slow); the store then migrates nothing
    cpSync(inject('pgliteTemplate'), dir, { recursive: true });
    return { dir, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  },
};

export const postgres: TestEngine = {
  name: 'postgres',
  skip: inject('pgSkipReason') || (inject('pgUrl') ? '' : 'no PostgreSQL'),
  async fresh() {
    const admin = inject('pgUrl');
    const name = `cr_${process.pid}_${Date.now().toString(36)}_${++dbCount}`;
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`CREATE DATABASE ${name}`);
    await client.end();
    const url = new URL(admin);
    url.pathname = `/${name}`;
    return {
      url: url.href,
      cleanup: async () => {
        const c = new pg.Client({ connectionString: admin });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  },
};

export const ENGINES = [pglite, postgres];

/** A fresh store on `engine`, and its cleanup. */
export async function freshStore(engine: TestEngine, extra: ConsentStoreOptions = {}) {
  const opts = await engine.fresh();
  const { cleanup: _, ...where } = opts;
  const store = await createConsentStore({ ...where, ...extra, log: { error() {} } });
  return {
    store,
    opts,
    async cleanup() {
      await store.close();
      await opts.cleanup();
    },
  };
}

/** `describe` the same tests on each engine; an engine missing here is a skipped suite, its reason printed. */
export function describeEngines(title: string, body: (engine: TestEngine) => void) {
  for (const engine of ENGINES) {
    if (engine.skip) console.warn(`${title} on ${engine.name} skipped: ${engine.skip}`);
    describe.skipIf(!!engine.skip)(`${title} on ${engine.name}`, () => body(engine));
  }
}
