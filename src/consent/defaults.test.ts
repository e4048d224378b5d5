import { describe, expect, it } from 'vitest';
import type { ResolvedCategory } from '../config/types';
import { allChoices, defaultChoices, mergeChoices, readSignals } from './defaults';
import { toState } from './state';

const cats: ResolvedCategory[] = [
  { id: 'necessary', required: true, cookies: [] },
  { id: 'analytics', required: false, cookies: [] },
  { id: 'telemetry', required: false, cookies: [] },
];
const none = { gpc: false, dnt: false };

describe('defaultChoices by regime and signal', () => {
  it.each([
    ['opt-in', none, true, { necessary: true, analytics: false, telemetry: false }, 'default'],
    ['opt-in', { gpc: true, dnt: false }, true, { necessary: true, analytics: false, telemetry: false }, 'default'],
    ['opt-out', none, true, { necessary: true, analytics: true, telemetry: true }, 'default'],
    ['opt-out', { gpc: true, dnt: false }, true, { necessary: true, analytics: false, telemetry: false }, 'signal'],
    ['opt-out', { gpc: true, dnt: false }, false, { necessary: true, analytics: true, telemetry: true }, 'default'],
    ['notice', none, true, { necessary: true, analytics: true, telemetry: true }, 'default'],
    ['notice', { gpc: false, dnt: true }, true, { necessary: true, analytics: false, telemetry: false }, 'signal'],
  ] as const)('%s with %j (honour %s)', (regime, signals, honor, choices, source) => {
    expect(defaultChoices(cats, regime, signals, honor)).toEqual({ choices, source });
  });
});

describe('choices', () => {
  it('accept and reject all keep required categories on', () => {
    expect(allChoices(cats, false)).toEqual({ necessary: true, analytics: false, telemetry: false });
    expect(allChoices(cats, true)).toEqual({ necessary: true, analytics: true, telemetry: true });
  });
  it('merge ignores (and lists) unknown ids, non-booleans and a required category turned off', () => {
    const m = mergeChoices(
      cats,
      { necessary: true, analytics: false, telemetry: true },
      { analytics: true, necessary: false, ads: true, telemetry: 'no' },
    );
    expect(m.choices).toEqual({ necessary: true, analytics: true, telemetry: true });
    expect(m.rejected).toEqual(['necessary', 'ads', 'telemetry']);
    expect(mergeChoices(cats, { necessary: true }, { necessary: true }).rejected).toEqual([]);
  });
});

describe('readSignals', () => {
  it.each([
    [{ globalPrivacyControl: true }, true],
    [{ globalPrivacyControl: 'true' }, true],
    [{ globalPrivacyControl: '1' }, true],
    [{ globalPrivacyControl: false }, false],
    [{ globalPrivacyControl: 'false' }, false],
    [{ globalPrivacyControl: 1 }, false],
    [{}, false],
  ])('GPC %j → %s', (nav, gpc) => expect(readSignals(nav).gpc).toBe(gpc));
  it('DNT only for "1"', () => {
    expect(readSignals({ doNotTrack: '1' }).dnt).toBe(true);
    expect(readSignals({ doNotTrack: 'yes' }).dnt).toBe(false);
    expect(readSignals(undefined)).toEqual({ gpc: false, dnt: false });
  });
});

describe('toState', () => {
  const jur = { region: 'US-CA', regime: 'opt-out' as const, source: 'geo' as const, gpcRequired: true };
  it('applies operator defaults and locks before a decision', () => {
    const s = toState(cats, jur, null, 1, none, true, 'en', { defaults: { telemetry: false } });
    expect(s.categories).toEqual({ necessary: true, analytics: true, telemetry: false });
    expect(s.decided).toBe(false);
    const locked = toState(cats, jur, null, 1, none, true, 'en', { locks: { analytics: false } });
    expect(locked.categories.analytics).toBe(false);
  });
  it('a signal beats an operator default', () => {
    const s = toState(cats, jur, null, 1, { gpc: true, dnt: false }, true, 'en', { defaults: { telemetry: true } });
    expect(s.categories.telemetry).toBe(false);
    expect(s.source).toBe('signal');
  });
  it('a category added since the decision is off', () => {
    const rec = {
      v: 1 as const,
      id: 'abcdefghij',
      rev: 1,
      at: 1,
      exp: 2,
      c: { necessary: true, analytics: true },
      by: 'banner' as const,
      reg: 'US-CA',
      rgm: 'opt-out' as const,
      rs: 'geo' as const,
    };
    const s = toState(cats, jur, rec, 1, none, true, 'en');
    expect(s.categories).toEqual({ necessary: true, analytics: true, telemetry: false });
    expect(s.source).toBe('banner');
  });
  it('a signal that appeared after the decision overrides it; a decision made despite the signal stands', () => {
    const rec = {
      v: 1 as const,
      id: 'abcdefghij',
      rev: 1,
      at: 1,
      exp: 2,
      c: { necessary: true, analytics: true, telemetry: true },
      by: 'banner' as const,
      reg: 'US-CA',
      rgm: 'opt-out' as const,
      rs: 'geo' as const,
    };
    const gpc = { gpc: true, dnt: false };
    const after = toState(cats, jur, rec, 1, gpc, true, 'en');
    expect(after).toMatchObject({
      decided: true,
      source: 'signal',
      categories: { necessary: true, analytics: false, telemetry: false },
    });
    expect(toState(cats, jur, { ...rec, sig: 1 }, 1, gpc, true, 'en')).toMatchObject({
      source: 'banner',
      categories: { analytics: true },
    });
    // not honoured (operator setting where no law requires it): the decision stands
    expect(toState(cats, jur, rec, 1, gpc, false, 'en')).toMatchObject({
      source: 'banner',
      categories: { analytics: true },
    });
  });
});
