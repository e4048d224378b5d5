import { displayEndpoint } from '../src/protocol/endpoint';
import type { ResolvedOptions } from './options';

type DisclosureOptions = Pick<
  ResolvedOptions,
  'strategy' | 'endpoint' | 'initialDelayMs' | 'intervalMs' | 'optOutEnv' | 'infoUrl'
> & {
  /** Why reporting is off (`enabled: false`, `DO_NOT_TRACK=1`, …), or null when it is on. */
  disabledBy: string | null;
};

/**
 * The one message `start()` writes, after EventStoreDB's: what is collected, where it goes, when, and how to opt
 * out (naming the host's own variable and information page when it has them) — with its own text when telemetry is
 * off or only logged, so an operator can confirm the setting took effect.
 */
export function disclosureText(o: DisclosureOptions): string {
  const where = displayEndpoint(o.endpoint);
  const first =
    o.initialDelayMs === 0 ? 'first right after start' : `first ${formatDuration(o.initialDelayMs)} after start`;
  const when = `${first}, then every ${formatDuration(o.intervalMs)}`;
  const variables = o.optOutEnv ? `${o.optOutEnv}=true (or DO_NOT_TRACK=1)` : 'DO_NOT_TRACK=1';
  const body = o.disabledBy
    ? [
        `Telemetry is disabled, nothing will be sent (${o.disabledBy}): this server collects no usage data and sends ` +
          `nothing to ${where}.`,
      ]
    : o.strategy === 'logging'
      ? [
          'This server builds anonymous usage reports (counts and versions, no personal data) with the logging ' +
            'strategy: reports are built and logged but never sent.',
          `Each report is written to this log, ${when}; none goes to ${where}.`,
        ]
      : [
          'This server collects anonymous usage data (counts and versions, no personal data) to help improve the ' +
            `product, and sends it to ${where}, ${when}. Every transmission is logged.`,
          `To opt out, set ${variables} in the environment, or the reporter option enabled: false; ` +
            "strategy: 'logging' logs the reports without sending them.",
        ];
  const info = o.infoUrl ? [`More about what is collected and why: ${o.infoUrl.href}`] : [];
  return ['Telemetry', '---------', ...body, ...info].join('\n');
}

/** `3600000` → `1 hour`, `86400000` → `24 hours`, `1500` → `1500 ms`: whole units only, never a rounded lie. */
export function formatDuration(ms: number): string {
  const units: [number, string][] = [
    [3_600_000, 'hour'],
    [60_000, 'minute'],
    [1000, 'second'],
  ];
  for (const [size, name] of units) {
    if (ms >= size && ms % size === 0) return `${ms / size} ${name}${ms === size ? '' : 's'}`;
  }
  return `${ms} ms`;
}

/** A wait as a log line says it: `about 4 minutes`, `about 2 hours`; seconds below two minutes. */
export function roughDuration(ms: number): string {
  if (ms < 120_000) return `${Math.max(0, Math.round(ms / 1000))} s`;
  if (ms < 2 * 3_600_000) return `about ${Math.round(ms / 60_000)} minutes`;
  return `about ${Math.round(ms / 3_600_000)} hours`;
}
