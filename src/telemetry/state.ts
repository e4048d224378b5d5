import { randomId } from '../lib/random-id';
import type { KeyValueStore } from '../storage/idb';
import type { Counters, UiCounts } from './counters';
import { STATE_KEY } from './types';

/** This device's telemetry state in IndexedDB (`tm:state`). */
export interface UsageState {
  instanceId?: string;
  firstSeen?: number;
  lastReportAt?: number;
  /** counts saved by pages of this period that are gone (or hidden), not reported yet */
  counts?: UiCounts;
}

export interface UsageStateStore {
  read(): Promise<UsageState>;
  /** Fold this page's counts into the stored ones (each tab adds its own; nothing is counted twice). */
  save(): Promise<void>;
  /** First seen with consent: an instance id, and the initial delay starts now. Resolves with the state as stored. */
  begin(state: UsageState): Promise<UsageState>;
  /** End the period and take its counts (see the comment at the function). */
  closePeriod(state: UsageState): Promise<UiCounts>;
}

export function createUsageState(
  kv: KeyValueStore,
  counters: Counters,
  consent: () => boolean,
  now: () => number,
): UsageStateStore {
  const write = (change: (s: UsageState) => UsageState) => kv.update<UsageState>(STATE_KEY, (s) => change(s || {}));
  return {
    read: async () => ((await kv.get<UsageState>(STATE_KEY)) || {}) as UsageState,
    async save() {
      if (!consent() || !counters.dirty) return;
      const mine = counters.snapshot();
      counters.clear();
      const ok = await write((s) => ({ ...s, counts: mergeCounts(s.counts, mine) }));
      // Not stored (IndexedDB unavailable): keep counting in memory rather than lose them.
      if (!ok) counters.merge(mine);
    },
    async begin(state) {
      // EventStoreDB: short-lived visits send nothing, so the initial delay counts from the first visit with consent.
      const firstSeen = state.firstSeen ?? now();
      const instanceId = state.instanceId || randomId();
      await write((s) => ({ ...s, firstSeen, instanceId }));
      return { ...state, firstSeen, instanceId };
    },
    /**
     * This page's counts (taken from memory now) and those other tabs saved are taken in the same write that records
     * the period's end. A count made before this moment is in this report; one made after it (or saved by another
     * tab after it) goes into the next; none is in two. Reading the counts earlier in the check and clearing them at
     * the end left a window (the server-status request, the lock) in which a count was made or saved and then either
     * missed this report or was wiped with it.
     */
    async closePeriod(state) {
      const mine = counters.snapshot();
      counters.clear();
      let taken: UiCounts | undefined;
      const ok = await write((s) => {
        taken = mergeCounts(s.counts, mine);
        return { ...s, lastReportAt: now(), counts: undefined };
      });
      // Not stored (IndexedDB failing): nothing can be queued either; the report still says what was counted.
      return ok && taken ? taken : mergeCounts(state.counts, mine);
    },
  };
}

export function mergeCounts(a: UiCounts | undefined, b: UiCounts): UiCounts {
  const out: UiCounts = { counts: { ...a?.counts }, pageViews: { ...a?.pageViews } };
  for (const [k, v] of Object.entries(b.counts)) out.counts[k] = (out.counts[k] || 0) + v;
  for (const [k, v] of Object.entries(b.pageViews)) out.pageViews[k] = (out.pageViews[k] || 0) + v;
  return out;
}
