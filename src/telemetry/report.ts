import type { UiCounts } from './counters';
import type { Decision } from './decision';
import { byteLength } from './deliver';
import type { TelemetryOptions } from './options';
import type { Outbox } from './outbox';
import { periodKey } from './schedule';
import type { UsageState } from './state';
import type { LogEntry, TelemetryReport } from './types';

/** The report exactly as it is sent (docs/SPEC.md §5): the preview builds it the same way. */
export function buildReport(
  state: UsageState,
  counts: UiCounts | undefined,
  serverPayload: object | null,
  now: number,
): TelemetryReport {
  return {
    schema: 1,
    instanceId: state.instanceId || '',
    sentAt: new Date(now).toISOString(),
    source: 'browser',
    server: serverPayload,
    ui: { counts: { ...counts?.counts }, pageViews: { ...counts?.pageViews } },
  };
}

export interface RecordDeps {
  options: TelemetryOptions;
  outbox: Outbox;
  now(): number;
  log(entry: LogEntry): Promise<void>;
  onError(message: string): void;
}

/**
 * A period's report, once built: refused when over maxPayloadBytes (said, logged, never truncated), only logged
 * under strategy 'logging', else queued in the outbox under the period's key (delivery sends it).
 */
export async function recordReport(
  d: RecordDeps,
  state: UsageState,
  decision: Decision,
  report: TelemetryReport,
): Promise<void> {
  const o = d.options;
  const body = JSON.stringify(report);
  const bytes = byteLength(body);
  const at = report.sentAt;
  if (bytes > o.maxPayloadBytes) {
    d.onError(
      `telemetry report is ${bytes} bytes, over maxPayloadBytes (${o.maxPayloadBytes}); refused, not truncated`,
    );
    return d.log({ at, status: 'refused', reason: 'too_large', bytes });
  }
  if (decision.reason === 'logging') return d.log({ at, status: 'logged', reason: 'logging', bytes, report });
  const key = periodKey(state.instanceId!, state.firstSeen!, d.now(), o.initialDelayMs, o.intervalMs);
  const dropped = await d.outbox.add({ key, body, report, attempts: 0, nextAt: 0 });
  if (dropped) d.onError(`telemetry outbox full: the ${dropped} oldest unsent report(s) were dropped`);
}
