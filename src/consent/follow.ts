import type { Lifetimes } from './decisions';
import type { ConsentMachine } from './machine';
import type { ConsentPersistence } from './persist';
import type { ConsentRecord } from './record';
import { createTabSync, type TabSync } from './tab-sync';

export interface FollowOptions {
  win: Window;
  doc: Document;
  cookieName: string;
  machine: ConsentMachine;
  persist: ConsentPersistence;
  ready: Promise<unknown>;
  /** the record if it is a current decision (revision, age), else null */
  valid: (record: ConsentRecord | null) => ConsentRecord | null;
  lifetimes: Lifetimes;
}

/**
 * Decisions and resets made in other tabs become this tab's (docs/SPEC.md §4): the message from tab-sync.ts, and the
 * cookie read again when this tab comes back to the front. `post` tells the other tabs of this one's.
 */
export function followOtherTabs(o: FollowOptions): TabSync {
  const { machine, persist, valid } = o;
  const tabs = createTabSync(o.win, o.cookieName, (msg) => {
    // Heard before this tab's own storage read: `ready` decides first, then the news applies on top.
    void o.ready.then(() => {
      if (msg.kind === 'reset') machine.forget();
      else {
        const latest = valid(msg.record);
        if (latest) machine.adopt(latest);
      }
    });
  });
  /**
   * The cookie is the other way news arrives: a tab that missed the message (frozen in the background, no channel),
   * or a decision written by the server (receipts). Read it again when this tab comes back to the front.
   */
  const onVisible = () => {
    if (!machine.ready || o.doc.visibilityState !== 'visible') return;
    const raw = persist.readCookie();
    const latest = valid(raw);
    if (latest) machine.adopt(latest);
    else if (!raw && machine.record) {
      // The cookie is gone: reset() in another tab (IndexedDB gone too: ask again), or only the cookie was cleared
      // (IndexedDB still has the decision, and load() writes the cookie back).
      void persist
        .load(null, (r) => o.lifetimes.cookie(r.rgm))
        .then((rec) => {
          if (!valid(rec)) machine.forget();
        });
    }
  };
  o.doc.addEventListener('visibilitychange', onVisible);
  return {
    post: tabs.post,
    stop() {
      tabs.stop();
      o.doc.removeEventListener('visibilitychange', onVisible);
    },
  };
}
