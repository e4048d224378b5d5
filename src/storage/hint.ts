/**
 * A one-line note in localStorage saying "IndexedDB holds a decision of revision R, valid until E" (`R.E`), kept
 * beside every IndexedDB write of the consent record and removed with it. It is what lets a first-time visitor's
 * banner paint in the script's own task: with no cookie and no note there is nothing to wait for, while a visitor
 * whose cookie alone was dropped (Safari caps script-set cookies at 7 days; IndexedDB lives on) still waits for the
 * IndexedDB read, so no banner flashes up for someone who has already decided. It holds no choice and no identifier.
 */
export interface StoredHint {
  /** false only when storage surely holds no decision valid for this revision now; true when it may (or is unreadable) */
  mayHold(revision: number, now: number): boolean;
  set(revision: number, expiresAt: number): void;
  clear(): void;
}

export function createStoredHint(win: Window, key: string): StoredHint {
  const ls = (): Storage | null => {
    try {
      return win.localStorage;
    } catch {
      // Blocked storage (settings, sandboxed frames) throws on access.
      return null;
    }
  };
  return {
    mayHold(revision, now) {
      let raw: string | null;
      try {
        raw = ls()!.getItem(key);
      } catch {
        return true; // unreadable: cannot tell, so wait for IndexedDB
      }
      if (raw === null) return false;
      const m = /^(\d+)\.(\d+)$/.exec(raw);
      // An unparsable note counts as "may hold": the IndexedDB read decides.
      return !m || (+m[1] >= revision && +m[2] > now);
    },
    set(revision, expiresAt) {
      try {
        ls()!.setItem(key, `${revision}.${Math.ceil(expiresAt)}`);
      } catch {
        /* over quota: a later visit without the cookie shows the banner at once and the IndexedDB read then restores the decision */
      }
    },
    clear() {
      try {
        ls()!.removeItem(key);
      } catch {
        /* nothing readable to clear */
      }
    },
  };
}
