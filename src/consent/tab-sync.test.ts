import { describe, expect, it } from 'vitest';
import { parseTabMessage } from './tab-sync';

const NOW = Date.UTC(2026, 10, 23);
const record = {
  v: 1,
  id: 'abcdefghijABCDEFGHIJ01',
  rev: 1,
  at: NOW,
  exp: NOW + 86_400_000,
  c: { necessary: true, analytics: false },
  by: 'banner',
  reg: 'DE',
  rgm: 'opt-in',
  rs: 'geo',
};

describe('parseTabMessage: only our two messages, a decision only with a valid record', () => {
  it.each([
    [{ kind: 'reset' }, { kind: 'reset' }],
    [{ kind: 'reset', n: 0.5 }, { kind: 'reset' }],
    [null, null],
    ['reset', null],
    [{ kind: 'decided' }, null],
    [{ kind: 'decided', record: { id: 'x' } }, null],
    [{ kind: 'other', record }, null],
  ])('%j -> %j', (input, out) => expect(parseTabMessage(input)).toEqual(out));
  it('a decision carries its parsed record', () => {
    expect(parseTabMessage({ kind: 'decided', record })).toMatchObject({ kind: 'decided', record: { id: record.id } });
  });
});
