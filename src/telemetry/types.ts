import type { KeyValueStore } from '../storage/idb';
import type { Counters, UiCounts } from './counters';
import type { SendReason } from './decision';

/** The report the browser sends (docs/SPEC.md §5). Wire keys: never rename. */
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

/** The transmission log as stored (anything else there reads as empty). */
export async function readLog(kv: KeyValueStore): Promise<LogEntry[]> {
  // No database, no log: reading must not create one (nothing is stored on a device before a decision).
  if (!(await kv.exists())) return [];
  const l = await kv.get<LogEntry[]>(LOG_KEY);
  return Array.isArray(l) ? l : [];
}

/**
 * Withdrawal: queued reports, the instance id and stored counts go at once (the log stays: it is the visitor's
 * record of what left). Used by the page with or without the reporter loaded.
 */
export async function purgeStored(kv: KeyValueStore, counters: Counters): Promise<void> {
  counters.clear();
  await Promise.all([kv.del(OUTBOX_KEY), kv.update(STATE_KEY, () => ({}))]);
}
