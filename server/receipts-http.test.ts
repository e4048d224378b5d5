import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { toNodeListener } from './adapters/node';
import { createReceiptHandler } from './receipts';
import { freshStore, pglite } from './store/test/engines';

let base = '';
let close: () => Promise<void>;

beforeAll(async () => {
  const { store, cleanup } = await freshStore(pglite);
  const app = express();
  // mounted like the status endpoint, behind the app's own body parser
  app.use(express.json({ limit: '1mb' }));
  app.all('/consent/receipts', toNodeListener(createReceiptHandler({ store, cookie: { name: 'consent_relay' } })));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await cleanup();
  };
}, 120_000);
afterAll(async () => close?.());

const receipt = (over: Record<string, unknown> = {}) => ({
  id: `http-${Math.random().toString(36).slice(2, 12)}`,
  visitor: `visitor-${Math.random().toString(36).slice(2, 12)}`,
  revision: 1,
  region: 'DE',
  regime: 'opt-in',
  choices: { necessary: true, analytics: true },
  timestamp: new Date().toISOString(),
  ...over,
});

it('in Express: 201 with Set-Cookie, a receipt of 6 KiB (unknown fields dropped), 413 past 8 KiB, GET by query', async () => {
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}/consent/receipts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const r = receipt({ note: 'x'.repeat(6000) });
  const res = await post(r);
  expect(res.status).toBe(201);
  expect(res.headers.get('set-cookie')).toMatch(/^consent_relay=.+; Path=\/; Max-Age=15552000; /);
  const { visitor, key } = await res.json();
  const big = await post(receipt({ note: 'x'.repeat(9000) }));
  expect(big.status).toBe(413);
  const mine = await fetch(`${base}/consent/receipts?id=${visitor}&key=${key}`);
  expect(mine.status).toBe(200);
  const list = await mine.json();
  expect(list.map((x: { id: string }) => x.id)).toEqual([r.id]);
  expect(list[0].note).toBeUndefined();
  expect((await fetch(`${base}/consent/receipts?id=${visitor}&key=nope`)).status).toBe(403);
}, 60_000);

it('in Express: other methods are 405 with Allow, TRACE too (the adapter answers it: a Request cannot carry it)', async () => {
  const raw = (method: string) =>
    new Promise<{ status?: number; allow?: string }>((resolve, reject) => {
      const req = httpRequest(`${base}/consent/receipts`, { method }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode, allow: res.headers.allow }));
      });
      req.on('error', reject);
      req.end();
    });
  for (const method of ['PUT', 'DELETE', 'TRACE'])
    expect(await raw(method)).toEqual({ status: 405, allow: 'GET, POST' });
});
