import type { KeyValueStore } from '../storage/idb';

/** IndexedDB as the reporter sees it: a map, with `update` atomic like one readwrite transaction. */
export function memoryKv(): KeyValueStore & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  const clone = <T>(v: T): T => (v === undefined ? v : structuredClone(v));
  return {
    data,
    get: async <T>(k: string) => clone(data.get(k)) as T | undefined,
    set: async (k, v) => (data.set(k, clone(v)), true),
    update: async <T>(k: string, fn: (old: T | undefined) => T) => (
      data.set(k, clone(fn(clone(data.get(k)) as T | undefined))), true
    ),
    del: async (k) => (data.delete(k), true),
    exists: async () => data.size > 0,
    drop: async () => (data.clear(), true),
    dropIfEmpty: async () => data.size === 0,
  };
}
