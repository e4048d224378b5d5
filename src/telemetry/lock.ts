import type { KeyValueStore } from '../storage/idb';

const NAME = 'consent-relay:telemetry';
const LEASE_KEY = 'tm:lease';
/** How long a tab's IndexedDB lease holds; a tab that finds it held looks again within this long. */
export const LEASE_MS = 30_000;

/**
 * Run `fn` as the only telemetry sender across this origin's tabs: Web Locks where the browser has them, an
 * IndexedDB lease elsewhere (Safari < 15.4). Tabs that wait their turn re-read the state, so the second one finds the
 * period already reported. Resolves with undefined when the lease is held by another live tab.
 */
export async function exclusive<T>(
  locks: LockManager | undefined,
  kv: KeyValueStore,
  owner: string,
  now: () => number,
  fn: () => Promise<T>,
): Promise<T | undefined> {
  if (locks && typeof locks.request === 'function') return locks.request(NAME, fn) as Promise<T>;
  let mine = false;
  await kv.update<{ owner: string; until: number } | undefined>(LEASE_KEY, (l) => {
    // One readwrite transaction: two tabs cannot both see the lease free.
    if (l && l.owner !== owner && l.until > now()) return l;
    mine = true;
    return { owner, until: now() + LEASE_MS };
  });
  if (!mine) return undefined;
  try {
    return await fn();
  } finally {
    await kv.del(LEASE_KEY);
  }
}
