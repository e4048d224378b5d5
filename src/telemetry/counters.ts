/**
 * UI usage counters: aggregated counts only, never an event stream. Bounded: at most MAX_NAMES distinct names and
 * MAX_PATHS distinct page paths, so memory cannot grow with use. `count()` is on the host's hot path: a regex test
 * and a Map update, no allocation for a name already seen.
 */
export const MAX_NAMES = 200;
export const MAX_PATHS = 100;
export const MAX_COUNT = 1e9;
export const NAME = /^[A-Za-z][\w.:-]{0,63}$/;

export interface UiCounts {
  counts: Record<string, number>;
  pageViews: Record<string, number>;
}

export interface Counters {
  /** false (and nothing counted) for a bad name or amount, or when the bounds are reached */
  count(name: string, n?: number): boolean;
  pageView(path: string): void;
  snapshot(): UiCounts;
  /** fold stored counts (a previous page of this period) into these */
  merge(c: UiCounts | undefined): void;
  clear(): void;
  /** true when something was counted since the last `clear()` (the reporter saves, then clears) */
  dirty: boolean;
}

/** Path only: a query or fragment can hold identifiers, tokens or search terms (docs/SPEC.md §5). */
const pathOnly = (p: string) => p.split(/[?#]/)[0].slice(0, 200) || '/';

export function createCounters(onError: (msg: string) => void): Counters {
  const counts = new Map<string, number>();
  const paths = new Map<string, number>();
  // Say it once per map: a host counting in a loop must not flood the console.
  const full = new Set<Map<string, number>>();
  const add = (m: Map<string, number>, max: number, key: string, n: number) => {
    const v = m.get(key);
    if (v === undefined && m.size >= max) {
      if (!full.has(m))
        onError(
          `telemetry counters are full (${max} distinct ${m === paths ? 'page paths' : 'names'}); further new ones are not counted`,
        );
      full.add(m);
      return false;
    }
    m.set(key, Math.min(MAX_COUNT, (v || 0) + n));
    c.dirty = true;
    return true;
  };
  const c: Counters = {
    dirty: false,
    count(name, n = 1) {
      if (typeof name !== 'string' || !NAME.test(name)) {
        onError(
          `telemetry.count(): "${String(name).slice(0, 40)}" is not a counter name (letters, digits, . _ : -, up to 64)`,
        );
        return false;
      }
      if (typeof n !== 'number' || !(n > 0) || n > MAX_COUNT || n % 1) {
        onError(`telemetry.count("${name}", n): n must be a positive integer`);
        return false;
      }
      return add(counts, MAX_NAMES, name, n);
    },
    pageView(path) {
      add(paths, MAX_PATHS, pathOnly(String(path)), 1);
    },
    snapshot: () => ({ counts: Object.fromEntries(counts), pageViews: Object.fromEntries(paths) }),
    merge(u) {
      if (!u || typeof u !== 'object') return;
      const ok = (src: unknown): src is Record<string, unknown> =>
        !!src && typeof src === 'object' && !Array.isArray(src);
      // Stored data is re-checked as if counted now: nothing reaches a report that count()/pageView() would refuse.
      if (ok(u.counts))
        for (const [k, v] of Object.entries(u.counts))
          if (typeof v === 'number' && v >= 1 && NAME.test(k)) add(counts, MAX_NAMES, k, Math.floor(v));
      if (ok(u.pageViews))
        for (const [k, v] of Object.entries(u.pageViews))
          if (typeof v === 'number' && v >= 1 && k[0] === '/') add(paths, MAX_PATHS, pathOnly(k), Math.floor(v));
    },
    clear() {
      counts.clear();
      paths.clear();
      c.dirty = false;
    },
  };
  return c;
}
