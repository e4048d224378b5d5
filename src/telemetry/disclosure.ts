import type { TelemetryOptions } from './options';

/**
 * The disclosure at start (EventStoreDB: one `console.info`, with other text when opted out by the operator or the
 * visitor; docs/SPEC.md §5). Two halves: the core says every case in which nothing is sent, so the disclosure is made
 * even when the reporter file is never fetched; the reporter file says the sending case (it is fetched then anyway).
 */
export interface DisclosureInput {
  options: TelemetryOptions;
  /** `config.telemetry` had errors (reported above it) */
  configErrors: boolean;
  signals: { dnt: boolean; gpc: boolean };
  consent: boolean;
  /** the visitor has answered (an opt-in visitor who has not is not "opted out") */
  decided: boolean;
}

/** The disclosure when nothing is sent; null when the browser may send (then {@link disclosureWhenSending} says it). */
export function disclosureWhenNotSending(i: DisclosureInput): string | null {
  const o = i.options;
  const where = o.endpoint ? new URL(o.endpoint).host : 'nowhere (no valid endpoint)';
  if (i.configErrors) return 'Usage telemetry is off: its configuration has errors (above). Nothing is sent.';
  if (!o.enabled) return 'Usage telemetry is disabled by the operator: nothing is collected or sent.';
  if (o.honorDoNotTrack && (i.signals.dnt || i.signals.gpc))
    return `Usage telemetry: your browser asks not to be tracked (${i.signals.gpc ? 'Global Privacy Control' : 'Do Not Track'}), so nothing is sent to ${where}.`;
  if (!i.consent && i.decided)
    return `Usage telemetry: you have opted out. Nothing is sent to ${where}; change this under Cookie Preferences.`;
  if (!i.consent)
    return `Usage telemetry: nothing is sent to ${where} unless you allow product usage telemetry under Cookie Preferences.`;
  return null;
}

/** The disclosure when the browser may send: what, to where, how often, and where every transmission is listed. */
export function disclosureWhenSending(o: TelemetryOptions): string {
  const where = o.endpoint ? new URL(o.endpoint).host : 'nowhere (no valid endpoint)';
  const what =
    o.strategy === 'logging'
      ? 'reports are built and logged on this device, never sent'
      : `${o.sendUsageFrom === 'browser' ? 'this browser sends' : 'when the server cannot send its own usage report, this browser sends'} aggregated, anonymous usage counts to ${where}`;
  return `Usage telemetry: ${what}, at most once every ${roughInterval(o.intervalMs)}. Every transmission is listed under Cookie Preferences, where you can opt out.`;
}

export const roughInterval = (ms: number) =>
  ms >= 3_600_000
    ? `${+(ms / 3_600_000).toFixed(1)} h`
    : ms >= 60_000
      ? `${+(ms / 60_000).toFixed(1)} min`
      : `${ms / 1000} s`;
