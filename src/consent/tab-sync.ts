import { parseRecord, type ConsentRecord } from './record';

/** What one tab tells the others: a decision (the record itself, so a tab without cookies still learns it) or a reset. */
export type TabMessage = { kind: 'decided'; record: ConsentRecord } | { kind: 'reset' };

export interface TabSync {
  post(msg: TabMessage): void;
  stop(): void;
}

/** Parse a message from another tab (anything else on the channel or in storage is ignored). */
export function parseTabMessage(data: unknown): TabMessage | null {
  if (!data || typeof data !== 'object') return null;
  const m = data as { kind?: unknown; record?: unknown };
  if (m.kind === 'reset') return { kind: 'reset' };
  const record = m.kind === 'decided' ? parseRecord(m.record) : null;
  return record ? { kind: 'decided', record } : null;
}

/**
 * Tells the other open tabs of the site about a decision, within a second, without a reload. BroadcastChannel
 * where there is one (every current engine; Safari since 15.4); else a localStorage write, whose `storage` event
 * fires in the other tabs of the origin (HTML standard, "The storage event"). Neither posts to the tab that wrote,
 * so a tab never hears its own decision back. Unavailable (sandboxed frame, storage denied): nothing is shared,
 * and the cookie read on `visibilitychange` still catches up.
 */
export function createTabSync(win: Window, name: string, onMessage: (msg: TabMessage) => void): TabSync {
  const key = `consent-relay:${name}`;
  const take = (data: unknown) => {
    const msg = parseTabMessage(data);
    if (msg) onMessage(msg);
  };
  const Channel = (win as Window & { BroadcastChannel?: typeof BroadcastChannel }).BroadcastChannel;
  let channel: BroadcastChannel | null = null;
  try {
    if (typeof Channel === 'function') {
      const c = new Channel(key);
      c.onmessage = (e) => take(e.data);
      channel = c;
    }
  } catch {
    channel = null; // denied in an opaque origin by some engines: fall through to storage
  }
  const onStorage = (e: StorageEvent) => {
    if (e.key !== key || !e.newValue) return;
    try {
      take(JSON.parse(e.newValue));
    } catch {
      /* not ours */
    }
  };
  if (!channel) win.addEventListener('storage', onStorage);
  return {
    post(msg) {
      try {
        if (channel) return channel.postMessage(msg);
        // A nonce makes every write a change (the same decision twice must still fire); removed at once, so
        // nothing of ours stays in localStorage.
        win.localStorage.setItem(key, JSON.stringify({ ...msg, n: Math.random() }));
        win.localStorage.removeItem(key);
      } catch {
        /* storage denied or full: the other tabs catch up when they come to the front */
      }
    },
    stop() {
      channel?.close();
      win.removeEventListener('storage', onStorage);
    },
  };
}
