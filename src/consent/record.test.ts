import { describe, expect, it } from 'vitest';
import { judgeRecord, newer, parseRecord, type ConsentRecord } from './record';

const NOW = Date.UTC(2026, 10, 23);
const DAY = 86_400_000;
const rec = (over: Partial<ConsentRecord> = {}): ConsentRecord => ({
  v: 1,
  id: 'abcdefghijABCDEFGHIJ01',
  rev: 1,
  at: NOW - DAY,
  exp: NOW + 179 * DAY,
  c: { necessary: true, analytics: false },
  by: 'banner',
  reg: 'DE',
  rgm: 'opt-in',
  rs: 'geo',
  ...over,
});

describe('parseRecord', () => {
  it('reads our record from an object and from its JSON', () => {
    expect(parseRecord(rec())).toEqual(rec());
    expect(parseRecord(JSON.stringify(rec({ lang: 'fr', sig: 1 })))).toEqual(rec({ lang: 'fr', sig: 1 }));
    // the visitor's consent id (docs/SPEC.md §7) is kept
    expect(parseRecord(rec({ vid: 'visitor-0123456789' }))).toEqual(rec({ vid: 'visitor-0123456789' }));
  });
  it.each([
    ['garbage', '%7Bgarbage'],
    ['not JSON', '{garbage'],
    ['a number', 42],
    ['null', null],
    ['an array', [1]],
    ['a foreign JSON object', { consent: 'yes' }],
    ['oversized', JSON.stringify({ ...rec(), pad: 'x'.repeat(3000) })],
    ['a future schema', rec({ v: 2 as 1 })],
    ['a bad id', rec({ id: 'x' })],
    ['a bad visitor id', rec({ vid: 'not a visitor id' })],
    ['a negative revision', rec({ rev: -1 })],
    ['a non-boolean choice', { ...rec(), c: { analytics: 'yes' } }],
    ['a bad category id', { ...rec(), c: { 'Bad Id': true } }],
    ['an unknown method', { ...rec(), by: 'magic' }],
    ['an unknown regime', { ...rec(), rgm: 'strict' }],
    ['an unknown region source', { ...rec(), rs: 'ip' }],
    ['a lower-case region', rec({ reg: 'de' })],
    ['expiry before the decision', rec({ exp: NOW - 2 * DAY })],
    ['a non-integer time', rec({ at: 1.5 })],
  ])('rejects %s: no decision, never consent', (_, raw) => {
    expect(parseRecord(raw)).toBeNull();
  });
});

describe('judgeRecord', () => {
  it.each<[string, ConsentRecord | null, number, number, string]>([
    ['none', null, 1, 180, 'none'],
    ['current', rec(), 1, 180, 'valid'],
    ['older revision', rec({ rev: 1 }), 2, 180, 'old-revision'],
    ['newer revision (roll-back)', rec({ rev: 3 }), 2, 180, 'old-revision'],
    ['past its expiry', rec({ at: NOW - 200 * DAY, exp: NOW - DAY }), 1, 365, 'expired'],
    ['older than the current max age', rec({ at: NOW - 100 * DAY, exp: NOW + 80 * DAY }), 1, 90, 'expired'],
    ['from the future', rec({ at: NOW + DAY, exp: NOW + 100 * DAY }), 1, 180, 'future'],
    ['a little clock skew', rec({ at: NOW + 60_000, exp: NOW + 100 * DAY }), 1, 180, 'valid'],
  ])('%s', (_, r, revision, maxAge, verdict) => {
    expect(judgeRecord(r, revision, NOW, maxAge)).toBe(verdict);
  });
});

describe('newer', () => {
  it('picks the later decision, either side may be missing', () => {
    const a = rec({ at: NOW - 2 * DAY });
    const b = rec({ at: NOW - DAY, id: 'bbbbbbbbbbbbbbbbbbbbbb' });
    expect(newer(a, b)).toBe(b);
    expect(newer(b, a)).toBe(b);
    expect(newer(null, a)).toBe(a);
    expect(newer(a, null)).toBe(a);
    expect(newer(null, null)).toBeNull();
  });
});
