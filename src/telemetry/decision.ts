/**
 * Should the browser send a usage report now, and if not, why not? Pure and table-tested; the reason is what the
 * transmission log and the preferences panel show. Two questions, asked apart:
 * - {@link whyNeverSend}: may it ever send (configuration, consent, browser signals)? The core asks only this one:
 *   while it says no, the reporter file is not even fetched.
 * - {@link isDue}: is a report due now (the schedule, the server's own reporting)? The reporter asks it.
 */
export type SendReason =
  | 'send'
  | 'logging'
  | 'disabled'
  | 'no_endpoint'
  | 'no_consent'
  | 'dnt'
  | 'gpc'
  | 'server_ok'
  | 'not_due';

/** The reasons nothing is sent, now or later, until the configuration, the consent or the browser's signals change. */
export type NeverReason = Extract<SendReason, 'disabled' | 'no_endpoint' | 'no_consent' | 'dnt' | 'gpc'>;

export interface ServerView {
  ok: boolean;
  lastReportedAt: number | null;
  /** the operator turned the server's reporting off (`DO_NOT_TRACK`, `enabled: false`): the browser sends nothing either */
  disabled?: boolean;
}

export interface PermissionInput {
  enabled: boolean;
  endpoint: string | null;
  consent: boolean;
  honorDoNotTrack: boolean;
  dnt: boolean;
  gpc: boolean;
}

export interface ScheduleInput {
  strategy: 'send' | 'logging';
  sendUsageFrom: 'server' | 'browser';
  /** the server's status answer; null when there is none (no serverStatusUrl, or it could not be read) */
  server: ServerView | null;
  /** the host called serverReportFailed() in this period */
  serverFailed: boolean;
  now: number;
  /** when this device was first seen with consent; null when not yet */
  firstSeen: number | null;
  initialDelayMs: number;
  intervalMs: number;
  /** when this device last sent (or logged) a report; null when never */
  lastReportAt: number | null;
}

export type DecisionInput = PermissionInput & ScheduleInput;

/** Past its interval a server's report is late; this much more and the browser takes over. */
export const SERVER_GRACE_MS = 3_600_000;

export interface Decision {
  reason: SendReason;
  /** true for 'send' and 'logging': a report is built */
  build: boolean;
  /** when it is worth asking again (epoch ms), for 'not_due' */
  dueAt?: number;
}

/** May it ever send? null when it may; otherwise why not, the first reason in this order. */
export function whyNeverSend(i: PermissionInput): NeverReason | null {
  // EMQX `telemetry.enable: false`: nothing, ever.
  if (!i.enabled) return 'disabled';
  if (!i.endpoint) return 'no_endpoint';
  if (!i.consent) return 'no_consent';
  // Airbyte DO_NOT_TRACK; GPC is an opt-out of "sharing" under CCPA (11 CCR 7025).
  if (i.honorDoNotTrack && i.gpc) return 'gpc';
  if (i.honorDoNotTrack && i.dnt) return 'dnt';
  return null;
}

/** Is a report due now, given that one may be sent at all? */
export function isDue(i: ScheduleInput): Decision {
  const no = (reason: SendReason, dueAt?: number): Decision => ({ reason, build: false, dueAt });
  // docs/SPEC.md §5: a status with `disabled: true` means the browser sends nothing either — whatever `ok` says, however
  // old its last report, and even after the host's serverReportFailed(): an operator's opt-out holds everywhere.
  if (i.sendUsageFrom === 'server' && i.server?.disabled) return no('disabled');
  // EventStoreDB: the first report an initial delay after this device was first seen, then one per interval.
  const first = (i.firstSeen ?? i.now) + i.initialDelayMs;
  if (i.now < first) return no('not_due', first);
  if (i.lastReportAt !== null && i.now < i.lastReportAt + i.intervalMs)
    return no('not_due', i.lastReportAt + i.intervalMs);
  if (i.sendUsageFrom === 'server' && !i.serverFailed) {
    const s = i.server;
    // A server that has not reported yet (null) is in its own initial delay unless it says it failed (ok: false).
    const stale = !!s && s.lastReportedAt !== null && i.now - s.lastReportedAt > i.intervalMs + SERVER_GRACE_MS;
    // Without a status answer and without a reported failure, the server is presumed to be doing its job.
    if (!s || (s.ok && !stale)) return no('server_ok');
  }
  return { reason: i.strategy === 'logging' ? 'logging' : 'send', build: true };
}

/** Both questions in one: the answer the transmission log and `status()` give. */
export function decideReport(i: DecisionInput): Decision {
  const never = whyNeverSend(i);
  return never ? { reason: never, build: false } : isDue(i);
}
