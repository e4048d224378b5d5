/**
 * Node 18 (package.json "engines") has no global `crypto` unless started with --experimental-global-webcrypto. The
 * global is taken away here for the test's length, as on Node 18: receipts, the store's shared reporter state and the
 * acknowledgement tokens still work, from node:crypto (server/web-crypto.ts).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createReceiptHandler } from './receipts';
import { createServerReporter } from './reporter';
import type { ConsentStore } from './store/create-store';
import { freshStore, pglite } from './store/test/engines';
import { type Collector, memoryLog, startCollector } from './test-collector';

let store: ConsentStore;
let cleanup: () => Promise<void>;
let collector: Collector;
const global = Object.getOwnPropertyDescriptor(globalThis, 'crypto');

beforeAll(async () => {
  ({ store, cleanup } = await freshStore(pglite));
  collector = await startCollector();
  Object.defineProperty(globalThis, 'crypto', { value: undefined, configurable: true, writable: true });
}, 120_000);
afterAll(async () => {
  if (global) Object.defineProperty(globalThis, 'crypto', global);
  await collector?.close();
  await cleanup?.();
});

it('runs where there is no global crypto (Node 18)', async () => {
  expect((globalThis as { crypto?: unknown }).crypto).toBeUndefined();
  const errors: string[] = [];
  const receipts = createReceiptHandler({ store, log: { error: (m) => errors.push(m) } });
  const receipt = {
    id: `no-crypto-${Date.now()}`,
    revision: 1,
    region: 'FR',
    regime: 'opt-in',
    choices: { necessary: true, analytics: false },
    timestamp: new Date().toISOString(),
  };
  const posted = await receipts.handle(
    new Request('https://shop.example/consent/receipts', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(receipt),
    }),
  );
  expect(errors).toEqual([]);
  expect(posted.status).toBe(201);
  const { visitor, key } = await posted.json();
  expect(visitor).toMatch(/^[\w-]{40,}$/);
  const mine = await receipts.handle(
    new Request(`https://shop.example/consent/receipts?id=${visitor}`, { headers: { authorization: `Bearer ${key}` } }),
  );
  expect((await mine.json()).map((r: { id: string }) => r.id)).toEqual([receipt.id]);

  const log = memoryLog();
  const reporter = createServerReporter({
    endpoint: collector.url,
    collect: () => ({ nodes: 1 }),
    store,
    log,
    env: {},
  });
  expect(await reporter.reportNow()).toEqual({ ok: true, status: 200 });
  expect(log.of('info').join('\n')).toMatch(/sha256 [0-9a-f]{64}/);
  const status = await reporter.handle(new Request('http://x/'));
  // the token every replica accepts: an HMAC under the store's secret
  expect(status.headers.get('consent-relay-ack-token')).toMatch(/^[0-9a-z]+\.[0-9a-f]{64}$/);
  expect(log.of('error')).toEqual([]);
}, 60_000);
