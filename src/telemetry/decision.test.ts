import { describe, expect, it } from 'vitest';
import {
  decideReport,
  isDue,
  SERVER_GRACE_MS,
  whyNeverSend,
  type DecisionInput,
  type PermissionInput,
} from './decision';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const H = 3_600_000;
const DAY = 24 * H;

/** Everything allows a browser report: the table rows each change what they are about. */
const base: DecisionInput = {
  enabled: true,
  endpoint: 'https://telemetry.vendor.example/v1',
  consent: true,
  honorDoNotTrack: true,
  dnt: false,
  gpc: false,
  strategy: 'send',
  sendUsageFrom: 'browser',
  server: null,
  serverFailed: false,
  now: NOW,
  firstSeen: NOW - 2 * H,
  initialDelayMs: H,
  intervalMs: DAY,
  lastReportAt: null,
};

const fromServer = { sendUsageFrom: 'server' as const };

describe('decideReport', () => {
  it.each<[string, Partial<DecisionInput>, string, number?]>([
    ['everything allows it', {}, 'send'],
    // The operator's switch wins over everything else.
    ['disabled', { enabled: false }, 'disabled'],
    ['disabled before no endpoint', { enabled: false, endpoint: null }, 'disabled'],
    [
      'disabled before no consent, DNT and logging',
      { enabled: false, consent: false, dnt: true, strategy: 'logging' },
      'disabled',
    ],
    ['no endpoint', { endpoint: null }, 'no_endpoint'],
    ['no endpoint before no consent', { endpoint: null, consent: false }, 'no_endpoint'],
    ['no consent', { consent: false }, 'no_consent'],
    ['no consent before GPC and DNT', { consent: false, gpc: true, dnt: true }, 'no_consent'],
    ['no consent also stops logging', { consent: false, strategy: 'logging' }, 'no_consent'],
    ['GPC', { gpc: true }, 'gpc'],
    ['GPC before DNT', { gpc: true, dnt: true }, 'gpc'],
    ['DNT', { dnt: true }, 'dnt'],
    ['DNT also stops logging', { dnt: true, strategy: 'logging' }, 'dnt'],
    ['DNT before the schedule', { dnt: true, firstSeen: null }, 'dnt'],
    ['DNT ignored when honorDoNotTrack is false', { dnt: true, honorDoNotTrack: false }, 'send'],
    ['GPC ignored when honorDoNotTrack is false', { gpc: true, honorDoNotTrack: false }, 'send'],
    // EventStoreDB: the first report an initial delay after this device was first seen.
    ['first seen now: initial delay', { firstSeen: null }, 'not_due', NOW + H],
    ['first seen a minute ago', { firstSeen: NOW - 60_000 }, 'not_due', NOW - 60_000 + H],
    ['initial delay just over', { firstSeen: NOW - H }, 'send'],
    ['no initial delay, first seen now', { firstSeen: null, initialDelayMs: 0 }, 'send'],
    // Then one per interval.
    ['reported within the interval', { lastReportAt: NOW - DAY + 1 }, 'not_due', NOW + 1],
    ['reported exactly one interval ago', { lastReportAt: NOW - DAY }, 'send'],
    [
      'not due before the server is asked',
      { ...fromServer, lastReportAt: NOW - 1000, server: { ok: false, lastReportedAt: null } },
      'not_due',
      NOW - 1000 + DAY,
    ],
    [
      'not due even when the host says the server failed',
      { ...fromServer, lastReportAt: NOW - 1000, serverFailed: true },
      'not_due',
      NOW - 1000 + DAY,
    ],
    // Kibana sendUsageFrom: 'server' — the browser only falls back.
    ['server, no status answer', { ...fromServer, server: null }, 'server_ok'],
    [
      'server ok, never reported (in its own initial delay)',
      { ...fromServer, server: { ok: true, lastReportedAt: null } },
      'server_ok',
    ],
    ['server ok, reported an hour ago', { ...fromServer, server: { ok: true, lastReportedAt: NOW - H } }, 'server_ok'],
    [
      'server ok, report late but within grace',
      { ...fromServer, server: { ok: true, lastReportedAt: NOW - DAY - SERVER_GRACE_MS } },
      'server_ok',
    ],
    [
      'server ok, stale beyond interval + grace',
      { ...fromServer, server: { ok: true, lastReportedAt: NOW - DAY - SERVER_GRACE_MS - 1 } },
      'send',
    ],
    ['server ok:false', { ...fromServer, server: { ok: false, lastReportedAt: NOW - H } }, 'send'],
    ['server ok:false, never reported', { ...fromServer, server: { ok: false, lastReportedAt: null } }, 'send'],
    ['server failed (serverReportFailed), no status', { ...fromServer, serverFailed: true }, 'send'],
    [
      'server failed (serverReportFailed) beats a fresh ok status',
      { ...fromServer, serverFailed: true, server: { ok: true, lastReportedAt: NOW } },
      'send',
    ],
    ['browser mode ignores a healthy server', { server: { ok: true, lastReportedAt: NOW } }, 'send'],
    // docs/SPEC.md §5: a status with disabled: true — the browser sends nothing either.
    [
      'server disabled, ok:false',
      { ...fromServer, server: { ok: false, lastReportedAt: null, disabled: true } },
      'disabled',
    ],
    [
      'server disabled, last report stale',
      { ...fromServer, server: { ok: true, lastReportedAt: NOW - 3 * DAY, disabled: true } },
      'disabled',
    ],
    [
      'server disabled beats serverReportFailed()',
      { ...fromServer, serverFailed: true, server: { ok: true, lastReportedAt: null, disabled: true } },
      'disabled',
    ],
    [
      'server disabled, logging strategy',
      { ...fromServer, strategy: 'logging', server: { ok: false, lastReportedAt: null, disabled: true } },
      'disabled',
    ],
    // Airbyte TRACKING_STRATEGY=logging: built and logged, never sent.
    ['logging', { strategy: 'logging' }, 'logging'],
    ['logging still waits for its period', { strategy: 'logging', lastReportAt: NOW - 1 }, 'not_due', NOW - 1 + DAY],
    [
      'logging in server mode with a healthy server',
      { ...fromServer, strategy: 'logging', server: { ok: true, lastReportedAt: NOW } },
      'server_ok',
    ],
    [
      'logging in server mode when the server failed',
      { ...fromServer, strategy: 'logging', serverFailed: true },
      'logging',
    ],
  ])('%s → %s', (_, over, reason, dueAt) => {
    const d = decideReport({ ...base, ...over });
    expect(d.reason).toBe(reason);
    expect(d.build).toBe(reason === 'send' || reason === 'logging');
    if (dueAt !== undefined) expect(d.dueAt).toBe(dueAt);
  });
});

/** What the core asks before it fetches the reporter file: configuration, consent and signals only, no schedule. */
describe('whyNeverSend', () => {
  it.each<[string, Partial<PermissionInput>, string | null]>([
    ['everything allows it', {}, null],
    ['disabled', { enabled: false }, 'disabled'],
    ['disabled before everything else', { enabled: false, endpoint: null, consent: false, gpc: true }, 'disabled'],
    ['no endpoint', { endpoint: null }, 'no_endpoint'],
    ['no endpoint before no consent', { endpoint: null, consent: false }, 'no_endpoint'],
    ['no consent', { consent: false }, 'no_consent'],
    ['no consent before GPC and DNT', { consent: false, gpc: true, dnt: true }, 'no_consent'],
    ['GPC before DNT', { gpc: true, dnt: true }, 'gpc'],
    ['DNT', { dnt: true }, 'dnt'],
    ['signals ignored when honorDoNotTrack is false', { dnt: true, gpc: true, honorDoNotTrack: false }, null],
  ])('%s → %s', (_, over, reason) => {
    expect(whyNeverSend({ ...base, ...over })).toBe(reason);
  });
});

describe('isDue', () => {
  it.each<[string, Partial<DecisionInput>, string]>([
    ['due', {}, 'send'],
    ['in the initial delay', { firstSeen: null }, 'not_due'],
    ['the server reports', { ...fromServer }, 'server_ok'],
    ['logging', { strategy: 'logging' }, 'logging'],
  ])('%s → %s (the schedule and the server only)', (_, over, reason) => {
    expect(isDue({ ...base, ...over }).reason).toBe(reason);
  });

  it('decideReport is whyNeverSend first, then isDue', () => {
    for (const over of [{}, { consent: false }, { dnt: true, firstSeen: null }, { enabled: false, ...fromServer }]) {
      const input = { ...base, ...over };
      expect(decideReport(input).reason).toBe(whyNeverSend(input) ?? isDue(input).reason);
    }
  });
});
