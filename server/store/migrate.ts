import type { Engine } from './engine';
import { MIGRATIONS } from './migrations';

/** Any fixed number: every process of every install takes the same lock while it migrates. */
const MIGRATION_LOCK = 7_251_042;

/**
 * Applies the steps the database has not seen, in order, each in its own transaction with its version recorded.
 * Replicas starting together wait on one advisory lock, so each step runs once. A database already at a newer
 * version than this code knows is refused: old code must not write into a schema it does not understand.
 */
export async function migrate(db: Engine): Promise<number> {
  await db.exec(
    'CREATE TABLE IF NOT EXISTS consent_relay_schema (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
  );
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    const rows = await tx.query<{ v: number | null }>('SELECT max(version) AS v FROM consent_relay_schema');
    const current = rows[0]?.v ?? 0;
    const latest = MIGRATIONS[MIGRATIONS.length - 1].version;
    if (current > latest)
      throw new Error(
        `consent-relay/server: the store's schema is version ${current}, newer than this version of consent-relay knows (${latest}); upgrade consent-relay`,
      );
    for (const step of MIGRATIONS) {
      if (step.version <= current) continue;
      for (const statement of splitStatements(step.sql)) await tx.query(statement);
      await tx.query('INSERT INTO consent_relay_schema (version) VALUES ($1)', [step.version]);
    }
    return latest;
  });
}

/** One statement per query (the extended protocol takes one); `$$` bodies keep their semicolons. */
export function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let current = '';
  let inBody = false;
  for (const line of sql.split('\n')) {
    if (line.trim().startsWith('--')) continue;
    current += line + '\n';
    if ((line.match(/\$\$/g) || []).length % 2 === 1) inBody = !inBody;
    if (!inBody && line.trim().endsWith(';')) {
      out.push(current.trim().replace(/;$/, ''));
      current = '';
    }
  }
  if (current.trim()) out.push(current.trim());
  return out;
}
