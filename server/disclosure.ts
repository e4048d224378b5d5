import { displayEndpoint } from './endpoint';
import type { ResolvedOptions } from './options';

type DisclosureOptions = Pick<ResolvedOptions, 'enabled' | 'strategy' | 'endpoint' | 'initialDelayMs' | 'intervalMs'>;

/**
 * The one message `start()` writes, after EventStoreDB's: what is collected, where it goes, when, and how to opt
 * out — with its own text when telemetry is off or only logged, so an operator can confirm the setting took effect.
 */
export function disclosureText(o: DisclosureOptions): string {
  const where = displayEndpoint(o.endpoint);
  const first =
    o.initialDelayMs === 0 ? 'first right after start' : `first ${formatDuration(o.initialDelayMs)} after start`;
  const when = `${first}, then every ${formatDuration(o.intervalMs)}`;
  const body = !o.enabled
    ? [
        'Telemetry is disabled, nothing will be sent: this server collects no usage data and sends nothing to ' +
          `${where} (option enabled: false).`,
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
          "To opt out, turn usage telemetry off (reporter option enabled: false); strategy: 'logging' logs the " +
            'reports without sending them.',
        ];
  return ['Telemetry', '---------', ...body].join('\n');
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
