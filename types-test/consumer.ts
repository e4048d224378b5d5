// Compiled only, never run: what a TypeScript user of the published package writes.
import { createServer } from 'node:http';
import { createConsentRelay } from 'consent-relay';
import {
  createConsentStore,
  createReceiptHandler,
  createServerReporter,
  type FetchHandler,
  type ReportResult,
  type StoredReceipt,
  type ServerReporterStatus,
  toFastifyHandler,
  toNodeListener,
} from 'consent-relay/server';
import express from 'express';
import Fastify from 'fastify';
import { Hono } from 'hono';
import { fetch as undiciFetch } from 'undici';

const reporter = createServerReporter({
  endpoint: 'https://telemetry.vendor.example/v1',
  collect: async () => ({ version: '1.0.0' }),
  fetch: undiciFetch, // undici's fetch, no cast
  optOutEnv: 'ACME_TELEMETRY_OPTOUT',
  infoUrl: 'https://acme.example/telemetry',
});
const status: ServerReporterStatus = reporter.status();
const receipts: FetchHandler = { handle: async () => new Response(null, { status: 201 }) };

createServer(toNodeListener(reporter));
express().use('/status', toNodeListener(reporter)).use('/receipts', toNodeListener(receipts));
Fastify().all('/status', toFastifyHandler(reporter));
new Hono().all('/status', (c) => reporter.handle(c.req.raw));
export const GET = reporter.handle;
export const POST = reporter.handle;

createConsentRelay({ telemetry: { endpoint: 'https://telemetry.vendor.example/v1' } });

// docs/SPEC.md §7 "Consent records", as written there.
export async function consentRecords(request: Request, since: Date, until: string): Promise<StoredReceipt[]> {
  const embedded = await createConsentStore();
  const store = await createConsentStore({ url: process.env.DATABASE_URL });
  const receipts = createReceiptHandler({ store, cookie: { name: 'consent_relay', domain: 'example.com' } });
  const answer: Response = await receipts.handle(request);
  express().all('/consent/receipts', toNodeListener(receipts));
  const out: StoredReceipt[] = [];
  for await (const r of store.exportReceipts({ since, until })) out.push(r);
  const shared = createServerReporter({ endpoint: 'https://t.example/v1', collect: () => ({}), store });
  const result: ReportResult = await shared.reportNow();
  void [answer, result, out[0]?.receivedAt satisfies string | undefined, out[0]?.visitor satisfies string | undefined];
  await Promise.all([store.close(), embedded.close()]);
  return out;
}
export { status };
