import type { KeyValueStore } from '../storage/idb';
import { OUTBOX_KEY, type TelemetryReport } from './types';

/** One report waiting to be sent: its body as it will go, the attempts so far, and when to try next. */
export interface OutboxItem {
  /** the idempotency key: the instance and the period, so a retry the collector already has is not counted twice */
  key: string;
  body: string;
  report: TelemetryReport;
  attempts: number;
  /** epoch ms; 0 for "at once" */
  nextAt: number;
}

/** A firewalled install could queue one report a day for months: keep the newest few, say so for the rest. */
export const OUTBOX_MAX = 5;

/** The reports not sent yet, in IndexedDB (`tm:outbox`): they outlive the page and are retried on later visits. */
export interface Outbox {
  /** the queued items, oldest first */
  items(): Promise<OutboxItem[]>;
  /** something is stored under the outbox key (a withdrawal's purge may not have finished) */
  stored(): Promise<boolean>;
  /** Queue a report, replacing one of the same period; resolves with how many of the oldest were dropped for it. */
  add(item: OutboxItem): Promise<number>;
  remove(key: string): Promise<void>;
  /** Another failed attempt: count it, and try again at `nextAt`. */
  retryLater(key: string, attempts: number, nextAt: number): Promise<void>;
}

export function createOutbox(kv: KeyValueStore): Outbox {
  const list = (stored: OutboxItem[] | undefined) => (Array.isArray(stored) ? stored : []);
  return {
    items: async () => list(await kv.get<OutboxItem[]>(OUTBOX_KEY)),
    stored: async () => !!(await kv.get(OUTBOX_KEY)),
    async add(item) {
      let dropped = 0;
      await kv.update<OutboxItem[]>(OUTBOX_KEY, (stored) => {
        const all = [...list(stored).filter((x) => x.key !== item.key), item];
        dropped = Math.max(0, all.length - OUTBOX_MAX);
        return all.slice(-OUTBOX_MAX);
      });
      return dropped;
    },
    async remove(key) {
      await kv.update<OutboxItem[]>(OUTBOX_KEY, (stored) => list(stored).filter((x) => x.key !== key));
    },
    async retryLater(key, attempts, nextAt) {
      await kv.update<OutboxItem[]>(OUTBOX_KEY, (stored) =>
        list(stored).map((x) => (x.key === key ? { ...x, attempts, nextAt } : x)),
      );
    },
  };
}
