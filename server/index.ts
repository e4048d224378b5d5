/**
 * `consent-relay/server`: the application server's own usage reporter and the status endpoint the browser
 * fallback reads (docs/SPEC.md §7). Standard fetch, Request and Response only: Node 18+, Deno, Bun, edge workers.
 */
export { createServerReporter } from './reporter';
export { toNodeListener } from './node';
export type { ServerReporterOptions, ServerReporterLog, ServerReportStrategy } from './options';
export type { ServerReporter, ServerReporterStatus, ReportResult } from './types';
export type { NodeListener, NodeRequestLike, NodeResponseLike } from './node';
