/**
 * `consent-relay/server`: the application server's own usage reporter and the status endpoint the browser
 * fallback reads, and the consent records store and its receipts endpoint (docs/SPEC.md §7). Standard fetch,
 * Request and Response only: Node 18+, Deno, Bun, edge workers. The store's engines (`@electric-sql/pglite`, `pg`)
 * are loaded only when a store is created.
 */
export { createServerReporter } from './reporter';
export { toNodeListener } from './node';
export { createConsentStore } from './store/create-store';
export { createReceiptHandler } from './receipts';
export { RETENTION_DAYS } from './store/retention';
export type { ServerReporterOptions, ServerReporterLog, ServerReportStrategy } from './options';
export type { ServerReporter, ServerReporterStatus, ReportResult } from './types';
export type { NodeListener, NodeRequestLike, NodeResponseLike } from './node';
export type { ConsentStore, ConsentStoreOptions } from './store/create-store';
export type { ReceiptHandler, ReceiptHandlerOptions } from './receipts';
export type { ReceiptCookieOptions } from './receipts-cookie';
export type { Receipt } from './receipts-validate';
export type { StoredReceipt } from './store/receipts-sql';
export type { ConsentCount, PurgeOptions } from './store/retention';
export type { TimeRange, TimeInput } from './store/range';
