import { backoffDelay } from '../protocol/backoff';
import { isRetryableStatus } from '../protocol/retry';
import type { Outbox, OutboxItem } from './outbox';
import { earliest } from './schedule';
import type { SendResult } from './transport';
import type { LogEntry } from './types';

const RETRY_BASE_MS = 2000;
const RETRY_MAX_MS = 3_600_000;
/** Retry-After is honoured up to a day; a longer one is an endpoint's mistake, not a reason to wait a year. */
const RETRY_AFTER_MAX_MS = RETRY_MAX_MS * 24;

/** What one attempt comes to: the log line, the console error if any, and when to retry (absent: it leaves the outbox). */
export interface DeliveryOutcome {
  entry: LogEntry;
  error?: string;
  retryAt?: number;
}

/**
 * One attempt's outcome, from the answer and the time it came (Retry-After counts from it). Pure and table-tested:
 * 2xx is sent; a status that will not change on retry (400, 401, 413…) is refused and dropped, said once; a network
 * error, time-out, 408, 429 or 5xx is failed and kept, retried after Retry-After or a jittered backoff
 * (src/protocol/retry.ts, src/protocol/backoff.ts).
 */
export function deliveryOutcome(
  item: OutboxItem,
  result: SendResult,
  at: number,
  random: () => number = Math.random,
): DeliveryOutcome {
  const attempt = item.attempts + 1;
  const line = { at: new Date(at).toISOString(), bytes: byteLength(item.body), httpStatus: result.status, attempt };
  if (result.ok) return { entry: { ...line, status: 'sent', reason: 'send', report: item.report } };
  const failure = { ...line, reason: result.status ? 'http' : 'network', error: result.error } as const;
  if (!isRetryableStatus(result.status))
    return {
      entry: { ...failure, status: 'refused' },
      error: `telemetry endpoint refused the report (HTTP ${result.status}); it is not retried`,
    };
  const wait = result.retryAfterMs ?? backoffDelay(attempt - 1, RETRY_BASE_MS, RETRY_MAX_MS, random);
  return { entry: { ...failure, status: 'failed' }, retryAt: at + Math.min(wait, RETRY_AFTER_MAX_MS) };
}

export interface DeliveryDeps {
  outbox: Outbox;
  /** POST one queued report (src/telemetry/transport.ts); never throws */
  post(item: OutboxItem): Promise<SendResult>;
  now(): number;
  /** the visitor withdrew (in another tab, by a click just now): nothing more is sent, and what is stored goes */
  withdrawn(): boolean;
  purge(): Promise<void>;
  log(entry: LogEntry): Promise<void>;
  onError(message: string): void;
  /** a report was accepted: tell the server, so it does not send the same period again */
  onSent(item: OutboxItem): Promise<void>;
}

/**
 * Send what is due in the outbox. One path for every outcome: the outbox is updated, the console told (a refusal),
 * the log written, each once. Resolves with when the next queued item is due (undefined: nothing waits).
 */
export function createDelivery(d: DeliveryDeps): () => Promise<number | undefined> {
  /** Withdrawn (see `withdrawn`): everything stored goes, and nothing more is sent. */
  const withdrawn = async (): Promise<boolean> => {
    if (!d.withdrawn()) return false;
    await d.purge();
    return true;
  };
  return async () => {
    // Withdrawn while this check ran (its state write may have put an instance id back): purge again.
    if (await withdrawn()) return;
    let next: number | undefined;
    for (const item of await d.outbox.items()) {
      if (item.nextAt > d.now()) {
        next = earliest(next, item.nextAt);
        continue;
      }
      // Dequeued, not yet sent: the visitor may have withdrawn in the meantime.
      if (await withdrawn()) return;
      const result = await d.post(item);
      // The time of the answer: the log says when it came, and Retry-After counts from it.
      const outcome = deliveryOutcome(item, result, d.now());
      // Withdrawn while the request was in flight: purge() already ran; writing the item back would resurrect it.
      if (await withdrawn()) return;
      if (outcome.retryAt === undefined) await d.outbox.remove(item.key);
      else await d.outbox.retryLater(item.key, item.attempts + 1, outcome.retryAt);
      if (outcome.error) d.onError(outcome.error);
      await d.log(outcome.entry);
      if (result.ok) await d.onSent(item);
      next = earliest(next, outcome.retryAt);
    }
    return next;
  };
}

export const byteLength = (s: string) => new TextEncoder().encode(s).length;
