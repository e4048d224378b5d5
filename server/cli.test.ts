import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { main } from './cli';
import { createReceiptHandler } from './receipts';
import { describeEngines, freshStore } from './store/test/engines';

const NOW = Date.parse('2026-01-15T10:00:00.000Z');
const DAY = 86_400_000;

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    args,
    (l) => out.push(l),
    (l) => err.push(l),
  );
  return { code, out, err: err.join('\n') };
}

describeEngines('consent-relay receipts (CLI)', (engine) => {
  let target: string[];
  let cleanup: () => Promise<void>;
  const ids: string[] = [];
  beforeAll(async () => {
    const made = await freshStore(engine);
    cleanup = made.cleanup;
    target = made.opts.url ? ['--url', made.opts.url] : ['--dir', made.opts.dir!];
    let clock = 0;
    const handler = createReceiptHandler({ store: made.store, now: () => clock });
    for (const [i, at] of [NOW - 20 * DAY, NOW, NOW + 20 * DAY].entries()) {
      clock = at;
      const id = `cli-receipt-${i}-${engine.name}`;
      ids.push(id);
      const body = {
        id,
        visitor: `cli-visitor-${i}`,
        revision: 1,
        region: 'IT',
        regime: 'opt-in',
        choices: { analytics: i !== 1 },
        timestamp: new Date(at - 1000).toISOString(),
      };
      const res = await handler.handle(
        new Request('https://x.example/', {
          method: 'POST',
          body: JSON.stringify(body),
          headers: { 'content-type': 'application/json' },
        }),
      );
      expect(res.status).toBe(201);
    }
    // PGlite is one process's: the CLI opens the directory itself
    await made.store.close();
  }, 120_000);
  afterAll(async () => cleanup?.());

  it('export --since --until prints the range as NDJSON', async () => {
    const { code, out } = await cli([
      'receipts',
      'export',
      '--since',
      '2026-01-01',
      '--until',
      '2026-01-15',
      ...target,
    ]);
    expect(code).toBe(0);
    const rows = out.map((l) => JSON.parse(l));
    expect(rows.map((r) => r.id)).toEqual([ids[1]]);
    expect(rows[0]).toMatchObject({
      visitor: 'cli-visitor-1',
      receivedAt: new Date(NOW).toISOString(),
      regime: 'opt-in',
    });
    const all = await cli(['receipts', 'export', ...target]);
    expect(all.out.map((l) => JSON.parse(l).id)).toEqual(ids);
  }, 120_000);

  it('counts and purge', async () => {
    const counts = await cli(['receipts', 'counts', '--since', '2026-01-01', ...target]);
    expect(counts.out.map((l) => JSON.parse(l))).toEqual([
      { regime: 'opt-in', category: 'analytics', granted: 1, denied: 1 },
    ]);
    const purge = await cli(['receipts', 'purge', '--older-than-days', '0', ...target]);
    expect(purge.code).toBe(0);
    expect(purge.err).toContain('deleted 3 receipt(s)');
  }, 120_000);
});

it('bad usage and a bad date are errors with the usage, exit 2 and 1', async () => {
  expect((await cli(['receipts', 'import'])).code).toBe(2);
  expect((await cli(['receipts', 'export', '--bogus'])).code).toBe(2);
  const extra = await cli(['receipts', 'export', '2026-01-01']);
  expect(extra.code).toBe(2);
  expect(extra.err).toContain('unexpected argument "2026-01-01"');
  const bad = await cli(['receipts', 'export', '--since', 'soon', '--url', 'postgres://u:pw@127.0.0.1:1/db']);
  expect(bad.code).toBe(1);
  expect(bad.err).not.toContain('pw@');
  // named as typed, and said before any database is asked (this one does not even answer)
  expect(bad.err).toContain('--since must be a date');
  expect(bad.err).not.toContain('cannot reach');
  const until = await cli(['receipts', 'counts', '--until', '2026-13-45', '--url', 'postgres://u:pw@127.0.0.1:1/db']);
  expect(until.code).toBe(1);
  expect(until.err).toContain('--until must be a date');
});

it('a --dir that holds no store is an error naming it; no empty store is made there', async () => {
  const parent = mkdtempSync(join(tmpdir(), 'consent-relay-cli-'));
  const dir = join(parent, 'typo');
  try {
    const { code, out, err } = await cli(['receipts', 'export', '--dir', dir]);
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err).toContain(`no consent store in ${dir}`);
    expect(existsSync(dir)).toBe(false);
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
});
