import { describe, expect, it } from 'vitest';
import { createCounters, MAX_NAMES, MAX_PATHS } from './counters';

const make = () => {
  const errors: string[] = [];
  return { c: createCounters((m) => errors.push(m)), errors };
};

describe('count()', () => {
  it('aggregates by name', () => {
    const { c, errors } = make();
    expect(c.count('x')).toBe(true);
    expect(c.count('x', 3)).toBe(true);
    expect(c.count('dash.open:panel-2_b')).toBe(true);
    expect(c.snapshot()).toEqual({ counts: { x: 4, 'dash.open:panel-2_b': 1 }, pageViews: {} });
    expect(errors).toEqual([]);
    expect(c.dirty).toBe(true);
  });

  it.each<[string, unknown]>([
    ['empty', ''],
    ['starts with a digit', '1abc'],
    ['a space (free text)', 'clicked save'],
    ['a URL', 'https://app.example/a?b=1'],
    ['an e-mail address', 'user@example.com'],
    ['a slash', 'a/b'],
    ['a query mark', 'a?b'],
    ['a fragment mark', 'a#b'],
    ['non-ASCII', 'zähler'],
    ['65 characters', 'a'.repeat(65)],
    ['a number', 42],
    ['null', null],
    ['undefined', undefined],
    ['an object', { toString: () => 'x' }],
  ])('a bad name (%s) is an error and counts nothing', (_, name) => {
    const { c, errors } = make();
    expect(c.count(name as string)).toBe(false);
    expect(errors).toHaveLength(1);
    expect(c.snapshot().counts).toEqual({});
    expect(c.dirty).toBe(false);
  });

  it('accepts a name of 64 characters', () => {
    expect(make().c.count('a'.repeat(64))).toBe(true);
  });

  it.each<[string, unknown]>([
    ['zero', 0],
    ['negative', -1],
    ['a fraction', 1.5],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['a string', '3'],
    ['over the cap', 1e10],
  ])('a bad amount (%s) is an error and counts nothing', (_, n) => {
    const { c, errors } = make();
    expect(c.count('x', n as number)).toBe(false);
    expect(errors).toHaveLength(1);
    expect(c.snapshot().counts).toEqual({});
  });

  it('caps a count instead of growing without end', () => {
    const { c } = make();
    c.count('x', 1e9);
    c.count('x', 1e9);
    expect(c.snapshot().counts.x).toBe(1e9);
  });

  it(`holds at most MAX_NAMES (${MAX_NAMES}) names, says so once, and still counts known names`, () => {
    const { c, errors } = make();
    for (let i = 0; i < MAX_NAMES; i++) expect(c.count('n' + i)).toBe(true);
    expect(c.count('one.more')).toBe(false);
    expect(c.count('another')).toBe(false);
    expect(errors).toHaveLength(1);
    expect(c.count('n0', 2)).toBe(true);
    const s = c.snapshot();
    expect(Object.keys(s.counts)).toHaveLength(MAX_NAMES);
    expect(s.counts.n0).toBe(3);
    expect(s.counts['one.more']).toBeUndefined();
  });
});

describe('pageView()', () => {
  it.each([
    ['/a', '/a'],
    ['/a?secret=1', '/a'],
    ['/a#frag', '/a'],
    ['/a?x=1#frag', '/a'],
    ['/a#frag?x=1', '/a'],
    ['/a/b/?q', '/a/b/'],
    ['?only=query', '/'],
    ['#only', '/'],
    ['', '/'],
  ])('%j counts as %j', (path, want) => {
    const { c } = make();
    c.pageView(path);
    expect(c.snapshot().pageViews).toEqual({ [want]: 1 });
  });

  it('aggregates and bounds long paths', () => {
    const { c } = make();
    c.pageView('/x?a');
    c.pageView('/x?b');
    c.pageView('/' + 'p'.repeat(500));
    const s = c.snapshot().pageViews;
    expect(s['/x']).toBe(2);
    expect(Math.max(...Object.keys(s).map((k) => k.length))).toBe(200);
  });

  it(`holds at most MAX_PATHS (${MAX_PATHS}) paths, without using up the names`, () => {
    const { c, errors } = make();
    for (let i = 0; i <= MAX_PATHS + 5; i++) c.pageView('/p' + i);
    expect(Object.keys(c.snapshot().pageViews)).toHaveLength(MAX_PATHS);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/path/);
    // The paths being full neither stops nor silences the names.
    for (let i = 0; i <= MAX_NAMES; i++) c.count('n' + i);
    expect(errors).toHaveLength(2);
  });
});

describe('merge()', () => {
  it('adds stored counts to these', () => {
    const { c } = make();
    c.count('x', 2);
    c.pageView('/a');
    c.merge({ counts: { x: 3, y: 1 }, pageViews: { '/a': 4, '/b': 1 } });
    expect(c.snapshot()).toEqual({ counts: { x: 5, y: 1 }, pageViews: { '/a': 5, '/b': 1 } });
  });

  it('drops what could not have been counted: bad names, bad numbers, queries and fragments', () => {
    const { c } = make();
    c.merge({
      counts: { 'bad name': 2, ok: 2.7, neg: -1, zero: 0, str: '3' as unknown as number },
      pageViews: { '/p?token=abc': 2, '/q#frag': 1, '/r': Number.NaN },
    });
    const s = c.snapshot();
    expect(s.counts).toEqual({ ok: 2 });
    expect(s.pageViews).toEqual({ '/p': 2, '/q': 1 });
    expect(JSON.stringify(s)).not.toMatch(/token|frag|\?|#/);
  });

  it('ignores garbage', () => {
    const { c } = make();
    for (const g of [undefined, null, 5, 'x', [], { counts: 'x', pageViews: [1] }]) c.merge(g as never);
    expect(c.snapshot()).toEqual({ counts: {}, pageViews: {} });
  });

  it('respects the bounds', () => {
    const { c } = make();
    const many = Object.fromEntries(Array.from({ length: MAX_NAMES + 50 }, (_, i) => ['m' + i, 1]));
    c.merge({ counts: many, pageViews: {} });
    expect(Object.keys(c.snapshot().counts)).toHaveLength(MAX_NAMES);
  });
});

describe('clear()', () => {
  it('empties and is no longer dirty', () => {
    const { c } = make();
    c.count('x');
    c.pageView('/a');
    c.clear();
    expect(c.snapshot()).toEqual({ counts: {}, pageViews: {} });
    expect(c.dirty).toBe(false);
  });
});
