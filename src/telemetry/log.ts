import type { KeyValueStore } from '../storage/idb';
import { LOG_KEY, LOG_MAX, type LogEntry } from './types';

/** How many of the newest log entries keep their full report; older ones keep the line (when, what, why, size). */
export const LOG_FULL = 10;

/** Append one entry to the transmission log, bounded in count and in bytes (each full report ≤ maxPayloadBytes). */
export async function appendLog(kv: KeyValueStore, entry: LogEntry): Promise<void> {
  await kv.update<LogEntry[]>(LOG_KEY, (old) =>
    [...(Array.isArray(old) ? old : []), entry]
      .slice(-LOG_MAX)
      .map((x, i, all) => (i < all.length - LOG_FULL && x.report ? { ...x, report: undefined } : x)),
  );
}
