#!/usr/bin/env node
/**
 * npm run bench:store — consent receipts through the real endpoint (createReceiptHandler → store) on PGlite and on
 * PostgreSQL with 1 and 10 connections: receipts stored per second, and p50/p99 of handle() per receipt.
 * PostgreSQL: $DATABASE_URL, else a throw-away cluster from Debian's binaries (/usr/lib/postgresql/15/bin), else skipped.
 *
 *   node bench/store.mjs [--n 1000]
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConsentStore, createReceiptHandler } from '../dist/server/server.js';

const args = process.argv.slice(2);
const N = Number(args.includes('--n') ? args[args.indexOf('--n') + 1] : 1000);
const BIN = '/usr/lib/postgresql/15/bin';

const receipt = (i, run) => ({
  id: `bench-${run}-${i}`,
  visitor: `visitor-${run}-${i}`,
  revision: 1,
  region: 'DE-BY',
  regime: 'opt-in',
  choices: { necessary: true, analytics: i % 2 === 0, telemetry: i % 3 === 0 },
  timestamp: new Date().toISOString(),
  method: 'banner',
  language: 'de',
  signal: false,
});

async function run(label, store, concurrency) {
  const handler = createReceiptHandler({ store });
  const tag = Math.random().toString(36).slice(2, 10);
  const times = [];
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < N; i = next++) {
      const req = new Request('https://shop.example/consent/receipts', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(receipt(i, tag)),
      });
      const t = performance.now();
      const res = await handler.handle(req);
      times.push(performance.now() - t);
      if (res.status !== 201) throw new Error(`${label}: HTTP ${res.status} ${await res.text()}`);
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const secs = (performance.now() - start) / 1000;
  times.sort((a, b) => a - b);
  const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(1);
  console.log(
    `${label.padEnd(30)} ${String(Math.round(N / secs)).padStart(6)} receipts/s   p50 ${q(0.5).padStart(6)} ms   p99 ${q(0.99).padStart(6)} ms`,
  );
}

async function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function postgres() {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => {} };
  if (!existsSync(join(BIN, 'initdb'))) return null;
  const dir = mkdtempSync(join(tmpdir(), 'consent-relay-bench-pg-'));
  const root = process.getuid?.() === 0;
  const as = (cmd, a) => (root ? ['runuser', ['-u', 'postgres', '--', cmd, ...a]] : [cmd, a]);
  if (root) execFileSync('chown', ['postgres', dir]);
  execFileSync(...as(join(BIN, 'initdb'), ['-D', join(dir, 'data'), '-U', 'postgres', '--auth=trust']), {
    stdio: 'ignore',
  });
  const port = await freePort();
  const script = `"${BIN}/postgres" -D "${dir}/data" -p ${port} -h 127.0.0.1 -k "${dir}" & p=$!; cat >/dev/null; kill -INT $p; wait $p`;
  const child = spawn(...as('sh', ['-c', script]), { stdio: ['pipe', 'ignore', 'ignore'] });
  for (let i = 0; i < 300; i++) {
    try {
      execFileSync(join(BIN, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.stdin.end();
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

console.log(`consent-relay store bench: ${N} receipts each, Node ${process.version}, ${new Date().toISOString()}`);
const dir = mkdtempSync(join(tmpdir(), 'consent-relay-bench-pglite-'));
const lite = await createConsentStore({ dir });
await run('PGlite (embedded)', lite, 1);
await run('PGlite, 10 concurrent', lite, 10);
await lite.close();
rmSync(dir, { recursive: true, force: true });
const pg = await postgres();
if (!pg) console.log('PostgreSQL: skipped (no $DATABASE_URL and no Debian postgresql binaries)');
else {
  try {
    for (const max of [1, 10]) {
      const store = await createConsentStore({ url: pg.url, max });
      await run(`PostgreSQL, ${max} connection${max > 1 ? 's' : ''}`, store, max);
      await store.close();
    }
  } finally {
    await pg.stop();
  }
}
