import { describe, expect, it } from 'vitest';
import { MAX_COUNT, MAX_NAMES, MAX_PATHS } from './counters';
import { mergeStoredCounts } from './state';

const none = { counts: {}, pageViews: {} };

describe('mergeStoredCounts: stored counts are checked as if counted now', () => {
  it('adds valid stored counts to this page’s', () => {
    const errors: string[] = [];
    const out = mergeStoredCounts(
      { counts: { save: 2 }, pageViews: { '/a': 1 } },
      { counts: { save: 1, open: 3 }, pageViews: { '/a': 2 } },
      (m) => errors.push(m),
    );
    expect(out).toEqual({ counts: { save: 3, open: 3 }, pageViews: { '/a': 3 } });
    expect(errors).toEqual([]);
  });

  it.each([
    ['a name count() refuses', { counts: { 'has space': 1, 'user@example.com': 4 } }],
    ['a count that is not a positive number', { counts: { save: -1, open: '5', close: Number.NaN, x: Infinity } }],
    ['a page path with a query or no leading slash', { pageViews: { '/a?token=1': 1, a: 1 } }],
    ['tables that are not objects', { counts: ['save'], pageViews: 'x' }],
  ])('drops %s and says so, naming the store key', (_, stored) => {
    const errors: string[] = [];
    const out = mergeStoredCounts(stored, none, (m) => errors.push(m));
    expect(out).toEqual(none);
    if (Object.values(stored).some((t) => t && typeof t === 'object' && !Array.isArray(t)))
      expect(errors.join()).toMatch(/tm:state/);
  });

  it('a stored value that is not an object at all is dropped and reported', () => {
    const errors: string[] = [];
    expect(mergeStoredCounts('garbage', none, (m) => errors.push(m))).toEqual(none);
    expect(errors).toHaveLength(1);
  });

  it('keeps the bounds of count(): names, paths and the per-name maximum', () => {
    const many = Object.fromEntries(Array.from({ length: MAX_NAMES + 50 }, (_, i) => [`n${i}`, 1]));
    const paths = Object.fromEntries(Array.from({ length: MAX_PATHS + 5 }, (_, i) => [`/p${i}`, 1]));
    const errors: string[] = [];
    const out = mergeStoredCounts(
      { counts: many, pageViews: paths },
      { counts: { big: MAX_COUNT }, pageViews: {} },
      (m) => errors.push(m),
    );
    expect(Object.keys(out.counts)).toHaveLength(MAX_NAMES);
    expect(Object.keys(out.pageViews)).toHaveLength(MAX_PATHS);
    expect(errors).toHaveLength(1);
    const capped = mergeStoredCounts({ counts: { big: MAX_COUNT } }, { counts: { big: MAX_COUNT }, pageViews: {} });
    expect(capped.counts.big).toBe(MAX_COUNT);
  });
});
