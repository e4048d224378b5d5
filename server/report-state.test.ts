import { describe, expect, it } from 'vitest';
import { createReportState } from './report-state';

const T0 = Date.parse('2025-03-01T12:00:00.000Z');
const INTERVAL = 60_000;
const make = () => createReportState({ intervalMs: INTERVAL, initialDelayMs: 0 });
const iso = (at: number) => new Date(at).toISOString();

describe('report state: what the schedule counts (README "what the status endpoint trusts")', () => {
  it.each<[string, (s: ReturnType<typeof make>) => void, string]>([
    ['nothing yet: due', () => {}, 'due'],
    ['an unverified acknowledgement: this period is reported', (s) => s.acknowledge(T0, false), 'reported'],
    [
      'a second unverified one does not extend the first',
      (s) => {
        s.acknowledge(T0 - INTERVAL + 1, false);
        s.acknowledge(T0, false);
      },
      'due',
    ],
    [
      'a verified one counts in full',
      (s) => {
        s.acknowledge(T0 - INTERVAL + 1, false);
        s.acknowledge(T0, true);
      },
      'reported',
    ],
    [
      "the server's own report gives the unverified credit back",
      (s) => {
        s.acknowledge(T0 - 2 * INTERVAL, false);
        s.counted(T0 - INTERVAL - 1, true);
        s.acknowledge(T0, false);
      },
      'reported',
    ],
    ['a failed send backs off', (s) => s.sendFailed(T0, true, null), 'backoff'],
    ['a logged report counts', (s) => s.counted(T0, false), 'reported'],
  ])('%s', (_, events, reason) => {
    const state = make();
    events(state);
    expect(state.due(T0 + 1, T0 - INTERVAL).reason).toBe(reason);
  });
});

describe('report state: what status() shows', () => {
  it('ok turns false on a failed send, true on the next success; a collect() failure leaves it', () => {
    const state = make();
    state.sendFailed(T0, true, null);
    expect(state.status()).toEqual({ ok: false, lastReportedAt: null, lastAttemptAt: iso(T0), payload: null });
    state.notBuilt(T0 + 1000);
    expect(state.status().ok).toBe(false);
    state.collected({ nodes: 3 });
    state.counted(T0 + 2000, true);
    expect(state.status()).toEqual({
      ok: true,
      lastReportedAt: iso(T0 + 2000),
      lastAttemptAt: iso(T0 + 2000),
      payload: { nodes: 3 },
    });
  });

  it("with the store's view: the newest attempt's ok, whoever made it, and the store's payload until we have one", () => {
    const state = make();
    state.sendFailed(T0, true, null);
    const shared = { ok: true, lastReportedAt: T0 + 500, lastAttemptAt: T0 + 500, payload: { replica: 2 } };
    expect(state.statusWith(shared)).toEqual({
      ok: true,
      lastReportedAt: null,
      lastAttemptAt: iso(T0 + 500),
      payload: { replica: 2 },
    });
    state.pulled(shared);
    expect(state.status().lastReportedAt).toBe(iso(T0 + 500));
    expect(state.due(T0 + 1000, T0 - INTERVAL).reason).toBe('reported');
  });
});
