import type { ServerReportEnvelope } from '../src/protocol/envelope';
import type { FetchLike } from '../src/protocol/fetch';
import { collectPayload } from './collect';
import { describeBody } from './digest';
import { roughDuration } from './disclosure';
import type { ResolvedOptions } from './options';
import type { ReportState } from './report-state';
import type { NextTry } from './schedule';
import { postReport } from './send';
import type { ReportResult } from './types';

export const PREFIX = 'consent-relay/server:';

export interface AttemptDeps {
  options: Pick<ResolvedOptions, 'collect' | 'timeoutMs' | 'strategy' | 'endpoint' | 'intervalMs' | 'now'>;
  state: ReportState;
  fetch: FetchLike;
  /** the endpoint as the log shows it (no credentials, no query) */
  where: string;
  /** the install's part of the idempotency key (shared by every replica when there is a store) */
  installKey(): Promise<string>;
  /** why reporting is off, or null */
  disabledBy(): string | null;
  write(level: 'info' | 'error', message: string): void;
}

/**
 * One report: collect, build the envelope, then log it (strategy 'logging') or POST it; the state records the
 * outcome and the log says it, once. Rejects only on a bug (the caller turns that into a result too).
 */
export function createAttempt(d: AttemptDeps): () => Promise<ReportResult> {
  const o = d.options;
  return async () => {
    if (d.disabledBy()) return { ok: false, skipped: 'disabled' };
    const collected = await collectPayload(o.collect, o.timeoutMs);
    const at = o.now();
    if (!collected.ok) {
      // The host's own bug, not a network that fails: `ok` stays as it was, so browsers do not take over for it.
      const next = d.state.notBuilt(at);
      d.write(
        'error',
        `${PREFIX} usage report could not be built: ${collected.error}; nothing sent, ${when(at, next)}`,
      );
      return { ok: false, error: collected.error };
    }
    d.state.collected(collected.payload);
    const envelope: ServerReportEnvelope = { schema: 1, source: 'server', sentAt: iso(at), server: collected.payload };
    const body = JSON.stringify(envelope);
    if (o.strategy === 'logging') {
      d.state.counted(at, false);
      d.write('info', `${PREFIX} usage report (logging strategy: not sent): ${body}`);
      return { ok: true, skipped: 'logging' };
    }
    // One key per period: a retry the endpoint already stored (the answer was lost) is recognised, not counted
    // twice. The instance part keeps two installs reporting in the same period apart; with a store the install's key
    // is shared, so a period a dead replica may have sent is recognised too.
    const key = `server-${await d.installKey()}-${Math.floor(at / o.intervalMs)}`;
    const [sent, attempted] = await Promise.all([
      postReport(d.fetch, o.endpoint, body, key, o.timeoutMs, o.now),
      describeBody(body),
    ]);
    if (!sent.ok) {
      const next = d.state.sendFailed(at, sent.retryable, sent.retryAfterMs);
      d.write(
        'error',
        `${PREFIX} usage report to ${d.where} failed: ${sent.error} (attempted ${attempted}); ${when(at, next)}`,
      );
      return sent.status === undefined
        ? { ok: false, error: sent.error }
        : { ok: false, status: sent.status, error: sent.error };
    }
    d.state.counted(at, true);
    d.write('info', `${PREFIX} usage report sent to ${d.where} (HTTP ${sent.status}): ${attempted}`);
    return { ok: true, status: sent.status };
  };
}

function when(at: number, next: NextTry): string {
  const wait = roughDuration(next.at - at);
  if (next.why === 'next-period') return `not retried (the answer will not change by itself); next report in ${wait}`;
  if (next.why === 'retry-after') return `next try in ${wait}, as the endpoint's Retry-After asked`;
  return `next try in ${wait}`;
}

const iso = (at: number) => new Date(at).toISOString();
