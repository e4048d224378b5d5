/** What both halves of the telemetry fallback share (see README.md here). No DOM, no Node APIs, no dependencies. */
export { isLoopbackHost, parseEndpoint, displayEndpoint } from './endpoint';
export { parseIsoDateTime, type ParsedTime } from './iso-time';
export { isRetryableStatus, parseRetryAfter } from './retry';
export { backoffDelay } from './backoff';
export { fetchWithTimeout, type FetchLike, type FetchInit, type FetchAnswer, type Fetched } from './fetch';
export type { ReportEnvelope, ServerReportEnvelope, BrowserReportEnvelope, Acknowledgement } from './envelope';
