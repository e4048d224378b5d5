/**
 * `consent-relay/server`: the application server's own usage reporter and the status endpoint the browser
 * fallback reads, the consent records store and its receipts endpoint (docs/SPEC.md §7), and adapters that mount
 * any `{ handle(request) }` in Node frameworks. Standard fetch, Request and Response: Node 18+, Deno, Bun, edge
 * workers. The store's engines (`@electric-sql/pglite`, `pg`) are loaded only when a store is created.
 */
export { createServerReporter } from './reporter';
export { toNodeListener } from './adapters/node';
export { toFastifyHandler } from './adapters/fastify';
export { toKoaMiddleware } from './adapters/koa';
export { createConsentStore } from './store/create-store';
export { createReceiptHandler } from './receipts';
export { RETENTION_DAYS } from './store/retention';
export type { ServerReporterOptions, ServerReporterLog, ServerReportStrategy } from './options';
export type { ServerReporter, ServerReporterStatus, ReportResult, FetchHandler } from './types';
export type { NodeListener, NodeResponseLike, NodeListenerOptions } from './adapters/node';
export type { NodeRequestLike } from './adapters/to-request';
export type { FastifyRequestLike, FastifyReplyLike } from './adapters/fastify';
export type { KoaContextLike } from './adapters/koa';
export type { FetchLike, FetchInit, FetchAnswer } from '../src/protocol/fetch';
export { ACK_TOKEN_HEADER } from './ack-token';
export type { ConsentStore, ConsentStoreOptions } from './store/create-store';
export type { ReceiptHandler, ReceiptHandlerOptions } from './receipts';
export type { ReceiptCookieOptions } from './receipts-cookie';
export type { Receipt } from './receipts-validate';
export type { StoredReceipt } from './store/receipts-sql';
export type { ConsentCount, PurgeOptions } from './store/retention';
export type { TimeRange, TimeInput } from './store/range';
