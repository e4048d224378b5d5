// Compiled only, never run: what a TypeScript user of the published package writes.
import { createServer } from 'node:http';
import { createConsentRelay } from 'consent-relay';
import {
  createServerReporter,
  type FetchHandler,
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
export { status };
