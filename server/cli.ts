/**
 * `npx consent-relay receipts export --since 2026-01-01 [--until 2026-02-01] [--dir D | --url U]`: the operator's
 * side of the consent records (docs/SPEC.md §7). Node only. Data goes to stdout (NDJSON), messages to stderr.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createConsentStore } from './store/create-store';
import { parseRange, type TimeRange } from './store/range';

const USAGE = `usage:
  consent-relay receipts export [--since DATE] [--until DATE] [--dir DIR | --url URL]
      every receipt received in [since, until) as NDJSON on stdout (a date alone as --until: to the end of that day)
  consent-relay receipts counts [--since DATE] [--until DATE] [--dir DIR | --url URL]
      per regime and category, how many visitors' latest decisions granted or denied it (NDJSON)
  consent-relay receipts purge [--older-than-days N] [--dir DIR | --url URL]
      delete receipts past retention (default per regime: see README "Consent records")

  --dir  the PGlite directory (default ./.consent-relay)
  --url  a PostgreSQL connection string (default $DATABASE_URL when set and --dir is not)`;

export async function main(argv: string[], out: (line: string) => void, err: (line: string) => void): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (e) {
    err(`consent-relay: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    out(USAGE);
    return 0;
  }
  const [topic, command, ...extra] = positionals;
  if (topic !== 'receipts' || !['export', 'counts', 'purge'].includes(command ?? '') || extra.length > 0) {
    err(extra.length > 0 ? `consent-relay: unexpected argument "${extra[0]}"\n${USAGE}` : USAGE);
    return 2;
  }
  const url = values.url ?? (values.dir ? undefined : process.env.DATABASE_URL || undefined);
  const range = { since: values.since, until: values.until };
  // Checked before the database is opened: a typo is an error at once, not after connecting (or creating a store).
  const problem = checkRange(range) ?? (url ? null : checkDir(values.dir ?? '.consent-relay'));
  if (problem) {
    err(`consent-relay: ${problem}`);
    return 1;
  }
  let store: Awaited<ReturnType<typeof createConsentStore>> | undefined;
  try {
    store = await createConsentStore(url ? { url, log: { error: err } } : { dir: values.dir, log: { error: err } });
    if (command === 'export') {
      for await (const r of store.exportReceipts(range)) out(JSON.stringify(r));
    } else if (command === 'counts') {
      for (const c of await store.countReceipts(range)) out(JSON.stringify(c));
    } else {
      const days = values['older-than-days'];
      const n = Number(days);
      if (days !== undefined && !(days.trim() !== '' && n >= 0))
        throw new TypeError('--older-than-days must be a number >= 0');
      const deleted = await store.purgeReceipts(days === undefined ? {} : { olderThanDays: n });
      err(`consent-relay: deleted ${deleted} receipt(s) past retention`);
    }
    return 0;
  } catch (e) {
    err(
      (e as Error).message.startsWith('consent-relay')
        ? (e as Error).message
        : `consent-relay: ${(e as Error).message}`,
    );
    return 1;
  } finally {
    await store?.close().catch(() => {});
  }
}

/** `--since`/`--until` that are not dates, named as the operator typed them; null when both are fine. */
function checkRange(range: TimeRange): string | null {
  for (const name of ['since', 'until'] as const) {
    try {
      parseRange({ [name]: range[name] });
    } catch {
      return `--${name} must be a date (2026-01-31) or an ISO date-time (2026-01-31T12:00:00Z), got ${JSON.stringify(range[name])}`;
    }
  }
  return null;
}

/**
 * A PGlite directory the operator's commands only read: one that holds no database is a typo or the wrong working
 * directory, said as such, instead of a new empty store made there (initdb: seconds) and nothing to export.
 */
function checkDir(dir: string): string | null {
  if (existsSync(join(dir, 'PG_VERSION'))) return null;
  return `no consent store in ${resolve(dir)} (--dir DIR names the PGlite directory, default ./.consent-relay; --url or $DATABASE_URL a PostgreSQL server)`;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      since: { type: 'string' },
      until: { type: 'string' },
      dir: { type: 'string' },
      url: { type: 'string' },
      'older-than-days': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
