import { randomId } from '../lib/random-id';
import type { KeyValueStore } from '../storage/idb';
import { MAX_COUNT, MAX_NAMES, MAX_PATHS, NAME, type Counters, type UiCounts } from './counters';
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
  onError: (msg: string) => void = () => {},
): UsageStateStore {
  const write = (change: (s: UsageState) => UsageState) => kv.update<UsageState>(STATE_KEY, (s) => change(s || {}));
  const mergeCounts = (stored: UiCounts | undefined, mine: UiCounts) => mergeStoredCounts(stored, mine, onError);
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

/**
 * The stored counts (IndexedDB: written by other pages of this period, or by anything else on the origin) folded with
 * this page's. Stored entries are re-checked as if counted now — a counter name, a page path, a positive count — and
 * the sums keep count()'s bounds (MAX_NAMES names, MAX_PATHS paths, MAX_COUNT each): nothing reaches a report that
 * count()/pageView() would refuse. What is dropped is said once, naming the store key.
 */
export function mergeStoredCounts(
  stored: unknown,
  mine: UiCounts,
  onError: (msg: string) => void = () => {},
): UiCounts {
  const out: UiCounts = { counts: {}, pageViews: {} };
  let dropped = 0;
  const add = (into: Record<string, number>, max: number, key: string, v: unknown, valid: boolean) => {
    if (!valid || typeof v !== 'number' || !(v >= 1) || !Number.isFinite(v)) return void dropped++;
    if (!(key in into) && Object.keys(into).length >= max) return void dropped++;
    into[key] = Math.min(MAX_COUNT, (into[key] || 0) + Math.floor(v));
  };
  const table = (x: unknown): Record<string, unknown> =>
    x && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, unknown>) : {};
  const s = table(stored);
  if (stored !== undefined && (!stored || typeof stored !== 'object' || Array.isArray(stored))) dropped++;
  for (const src of [table(s.counts), mine.counts])
    for (const [k, v] of Object.entries(src)) add(out.counts, MAX_NAMES, k, v, NAME.test(k));
  for (const src of [table(s.pageViews), mine.pageViews])
    for (const [k, v] of Object.entries(src))
      add(out.pageViews, MAX_PATHS, k, v, k[0] === '/' && k.length <= 200 && !/[?#]/.test(k));
  if (dropped)
    onError(
      `telemetry: ${dropped} stored count(s) in IndexedDB (${STATE_KEY}) were not valid counts or over the bounds; dropped`,
    );
  return out;
}
