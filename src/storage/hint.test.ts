import { describe, expect, it } from 'vitest';
import { createStoredHint } from './hint';

/** A Window whose localStorage is a plain map, or throws like blocked storage does. */
function win(opts: { blocked?: boolean; failWrites?: boolean } = {}) {
  const m = new Map<string, string>();
  const storage = {
    getItem: (k: string) => (m.has(k) ? m.get(k)! : null),
    setItem: (k: string, v: string) => {
      if (opts.failWrites) throw new DOMException('quota', 'QuotaExceededError');
      m.set(k, String(v));
    },
    removeItem: (k: string) => void m.delete(k),
  };
  const w = {} as Window;
  Object.defineProperty(w, 'localStorage', {
    get() {
      if (opts.blocked) throw new DOMException('denied', 'SecurityError');
      return storage;
    },
  });
  return { w, m };
}

const NOW = 1_700_000_000_000;

describe('createStoredHint', () => {
  it('no note: nothing stored can hold a decision', () => {
    expect(createStoredHint(win().w, 'k').mayHold(1, NOW)).toBe(false);
  });

  it('a note for this revision, not expired: may hold', () => {
    const { w, m } = win();
    const h = createStoredHint(w, 'k');
    h.set(3, NOW + 1000);
    expect(m.get('k')).toBe(`3.${NOW + 1000}`);
    expect(h.mayHold(3, NOW)).toBe(true);
    expect(h.mayHold(2, NOW)).toBe(true);
  });

  it('an older revision or an expired decision: cannot hold one', () => {
    const h = createStoredHint(win().w, 'k');
    h.set(1, NOW + 1000);
    expect(h.mayHold(2, NOW)).toBe(false);
    h.set(2, NOW - 1);
    expect(h.mayHold(2, NOW)).toBe(false);
  });

  it('clear removes the note', () => {
    const { w, m } = win();
    const h = createStoredHint(w, 'k');
    h.set(1, NOW + 1000);
    h.clear();
    expect(m.has('k')).toBe(false);
    expect(h.mayHold(1, NOW)).toBe(false);
  });

  it.each(['garbage', '', '1', '.5', 'a.b', '-1.5'])('an unparsable note %j counts as "may hold" (wait for IndexedDB)', (raw) => {
    const { w, m } = win();
    m.set('k', raw);
    expect(createStoredHint(w, 'k').mayHold(1, NOW)).toBe(true);
  });

  it('blocked storage: unreadable counts as "may hold"; writes and clears do not throw', () => {
    const h = createStoredHint(win({ blocked: true }).w, 'k');
    expect(h.mayHold(1, NOW)).toBe(true);
    expect(() => h.set(1, NOW)).not.toThrow();
    expect(() => h.clear()).not.toThrow();
  });

  it('a failed write leaves no note and does not throw', () => {
    const { w, m } = win({ failWrites: true });
    expect(() => createStoredHint(w, 'k').set(1, NOW)).not.toThrow();
    expect(m.size).toBe(0);
  });
});

describe('createStoredHint with a fractional expiry (consentMaxAgeDays: 1.5)', () => {
  it('writes whole milliseconds, still readable', () => {
    const { w, m } = win();
    const h = createStoredHint(w, 'k');
    h.set(1, NOW + 0.5);
    expect(m.get('k')).toBe(`1.${NOW + 1}`);
    expect(h.mayHold(1, NOW)).toBe(true);
  });
});
