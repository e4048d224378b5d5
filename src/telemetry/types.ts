import type { UiCounts } from './counters';
import type { SendReason } from './decision';

/** The report the browser sends (SPEC §5). Wire keys: never rename. */
export interface TelemetryReport {
  schema: 1;
  instanceId: string;
  sentAt: string;
  source: 'browser';
  server: object | null;
  ui: UiCounts;
}

export type LogStatus = 'sent' | 'logged' | 'refused' | 'failed';

/** One line of the transmission log (IndexedDB, bounded; `getLog()`; shown in the preferences panel). */
export interface LogEntry {
  at: string;
  status: LogStatus;
  reason: SendReason | 'too_large' | 'withdrawn' | 'http' | 'network';
  bytes: number;
  /** the report exactly as sent or logged (absent when refused for size: the log stays bounded too) */
  report?: TelemetryReport;
  httpStatus?: number;
  error?: string;
  attempt?: number;
}

/** IndexedDB keys of the reporter (stored: never rename). Main bundle and telemetry chunk both use them. */
export const STATE_KEY = 'tm:state';
export const OUTBOX_KEY = 'tm:outbox';
export const LOG_KEY = 'tm:log';
export const LOG_MAX = 50;
