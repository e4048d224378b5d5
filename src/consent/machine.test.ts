import { describe, expect, it } from 'vitest';
import type { ResolvedCategory } from '../config/types';
import { UNKNOWN } from '../jurisdiction/locate';
import type { Jurisdiction } from '../jurisdiction/types';
import { createConsentMachine, sameState, type ConsentMachineOptions, type Transition } from './machine';
import type { ConsentRecord } from './record';
import type { ConsentState } from './state';

const categories: ResolvedCategory[] = [
  { id: 'necessary', required: true, cookies: [] },
  { id: 'analytics', required: false, cookies: [] },
];
const DE: Jurisdiction = { region: 'DE', regime: 'opt-in', source: 'geo', gpcRequired: false };
const CA: Jurisdiction = { region: 'US-CA', regime: 'opt-out', source: 'geo', gpcRequired: true };
const AT = Date.UTC(2026, 10, 23);
const record = (over: Partial<ConsentRecord> = {}): ConsentRecord => ({
  v: 1,
  id: 'abcdefghijABCDEFGHIJ01',
  rev: 1,
  at: AT,
  exp: AT + 180 * 86_400_000,
  c: { necessary: true, analytics: true },
  by: 'banner',
  reg: 'DE',
  rgm: 'opt-in',
  rs: 'geo',
  ...over,
});

const options = (over: Partial<ConsentMachineOptions> = {}): ConsentMachineOptions => ({
  categories,
  revision: 1,
  signals: { gpc: false, dnt: false },
  honor: (jurisdiction) => jurisdiction.gpcRequired,
  policy: () => ({}),
  language: () => 'en',
  ...over,
});

/** A machine and everything its listener heard, as [transition, analytics before, analytics after]. */
const watched = (cookie: ConsentRecord | null = null, over: Partial<ConsentMachineOptions> = {}) => {
  const machine = createConsentMachine(options(over), cookie);
  const heard: Array<[Transition, boolean, boolean]> = [];
  machine.subscribe((next, prev, transition) =>
    heard.push([transition, prev.categories.analytics, next.categories.analytics]),
  );
  return { machine, heard };
};

describe('createConsentMachine: the state before ready', () => {
  it('without a cookie: the strictest regime (unknown = opt-in), nothing decided, not ready', () => {
    const { machine, heard } = watched();
    expect(machine.state).toMatchObject({ decided: false, regime: 'opt-in', regionSource: 'unknown' });
    expect(machine.state.categories).toEqual({ necessary: true, analytics: false });
    expect(machine.ready).toBe(false);
    expect(machine.jurisdiction).toBe(UNKNOWN);
    expect(heard).toEqual([]);
  });
  it("with the cookie's decision: the visitor's choices at once, in the decision's region", () => {
    const { machine } = watched(record());
    expect(machine.state).toMatchObject({ decided: true, regime: 'opt-in', region: 'DE', regionSource: 'geo' });
    expect(machine.state.categories.analytics).toBe(true);
  });
  it('locate() moves the jurisdiction for stateOf() without a transition', () => {
    const { machine, heard } = watched();
    machine.locate({ region: 'JP', regime: 'notice', source: 'timezone', gpcRequired: false });
    expect(machine.stateOf(null)).toMatchObject({ regime: 'notice', region: 'JP' });
    expect(machine.state.regime).toBe('opt-in');
    expect(heard).toEqual([]);
  });
});

describe('createConsentMachine: transitions', () => {
  it.each<[string, (m: ReturnType<typeof watched>['machine']) => unknown, Array<[Transition, boolean, boolean]>]>([
    ['restore without a record', (m) => m.restore(null, CA), [['restore', false, true]]],
    ['restore with a record', (m) => m.restore(record(), DE), [['restore', false, true]]],
    ['decide', (m) => m.decide(record()), [['decide', false, true]]],
    [
      'decide, then reset',
      (m) => (m.decide(record()), m.reset()),
      [
        ['decide', false, true],
        ['reset', true, false],
      ],
    ],
    ['forget without a decision: nothing', (m) => m.forget(), []],
    [
      'forget after a decision',
      (m) => (m.decide(record()), m.forget()),
      [
        ['decide', false, true],
        ['forget', true, false],
      ],
    ],
    ['adopt a decision when there is none', (m) => m.adopt(record()), [['adopt', false, true]]],
    [
      'adopt the same decision again: nothing',
      (m) => (m.decide(record()), m.adopt(record())),
      [['decide', false, true]],
    ],
    [
      'adopt an older decision: nothing',
      (m) => (m.decide(record({ id: 'newer-0123456789abcdef' })), m.adopt(record({ at: AT - 1, c: {} }))),
      [['decide', false, true]],
    ],
    [
      'adopt a newer decision',
      (m) => (m.decide(record()), m.adopt(record({ id: 'newer-0123456789abcdef', at: AT + 1, c: {} }))),
      [
        ['decide', false, true],
        ['adopt', true, false],
      ],
    ],
  ])('%s', (_, act, expected) => {
    const { machine, heard } = watched();
    act(machine);
    expect(heard).toEqual(expected);
  });

  it('restore: ready, the jurisdiction given, the defaults of its regime', () => {
    const { machine } = watched();
    const state = machine.restore(null, CA);
    expect(machine.ready).toBe(true);
    expect(machine.jurisdiction).toBe(CA);
    expect(state).toBe(machine.state);
    expect(state).toMatchObject({ decided: false, regime: 'opt-out', region: 'US-CA', source: 'default' });
  });
  it("adopt: the jurisdiction becomes the decision's", () => {
    const { machine } = watched();
    machine.restore(null, CA);
    machine.adopt(record());
    expect(machine.jurisdiction).toEqual({ region: 'DE', regime: 'opt-in', source: 'geo', gpcRequired: false });
    expect(machine.record?.id).toBe(record().id);
  });
  it('a GPC signal where the law requires honouring it: honors() and the state say so', () => {
    const { machine } = watched(null, { signals: { gpc: true, dnt: false } });
    expect(machine.honors()).toBe(false);
    machine.restore(null, CA);
    expect(machine.honors()).toBe(true);
    expect(machine.state).toMatchObject({ source: 'signal', categories: { necessary: true, analytics: false } });
  });
  it('the policy of the jurisdiction in force: a lock holds whatever is decided', () => {
    const { machine } = watched(null, {
      policy: (jurisdiction) => (jurisdiction.regime === 'opt-out' ? { locks: { analytics: false } } : {}),
    });
    machine.restore(null, CA);
    expect(machine.policy()).toEqual({ locks: { analytics: false } });
    machine.decide(record({ rgm: 'opt-out' }));
    expect(machine.state.categories.analytics).toBe(false);
  });
  it('the language of now goes into the state', () => {
    let language = 'en';
    const { machine } = watched(null, { language: () => language });
    language = 'fr';
    expect(machine.restore(null, DE).language).toBe('fr');
  });
});

describe('createConsentMachine: subscribe', () => {
  it('listeners hear every transition in the order they subscribed, with the state before and after', () => {
    const machine = createConsentMachine(options(), null);
    const order: string[] = [];
    let seen: [ConsentState, ConsentState] | null = null;
    machine.subscribe(() => order.push('first'));
    machine.subscribe((next, prev) => {
      order.push('second');
      seen = [next, prev];
    });
    machine.subscribe(() => order.push('third'));
    const before = machine.state;
    const after = machine.decide(record());
    expect(order).toEqual(['first', 'second', 'third']);
    expect(seen).toEqual([after, before]);
  });
  it('the state is already the new one when listeners run', () => {
    const machine = createConsentMachine(options(), null);
    let inside: ConsentState | null = null;
    machine.subscribe(() => {
      inside = machine.state;
    });
    expect(machine.decide(record())).toBe(inside);
  });
  it('unsubscribing stops the listener; one unsubscribing while heard does not skip the next', () => {
    const machine = createConsentMachine(options(), null);
    const heard: string[] = [];
    const offA = machine.subscribe(() => {
      heard.push('a');
      offA();
    });
    machine.subscribe(() => heard.push('b'));
    machine.decide(record());
    machine.reset();
    expect(heard).toEqual(['a', 'b', 'b']);
  });
});

describe('sameState: a change only when the state changed', () => {
  it('a returning visitor restored to the decision the cookie gave: no change', () => {
    const machine = createConsentMachine(options(), record());
    const changes: boolean[] = [];
    machine.subscribe((next, prev) => changes.push(!sameState(next, prev)));
    machine.restore(record(), { region: 'DE', regime: 'opt-in', source: 'geo', gpcRequired: false });
    expect(changes).toEqual([false]);
  });
  it.each<[string, Partial<ConsentRecord>]>([
    ['another choice', { c: { analytics: false } }],
    ['another time', { at: AT + 1 }],
    ['another way of deciding', { by: 'api' }],
  ])('a new decision with %s: a change', (_, over) => {
    const machine = createConsentMachine(options(), record());
    const changes: boolean[] = [];
    machine.subscribe((next, prev) => changes.push(!sameState(next, prev)));
    machine.decide(record(over));
    expect(changes).toEqual([true]);
  });
  it('a first visit restored in its region: a change (the regime and its defaults)', () => {
    const machine = createConsentMachine(options(), null);
    expect(sameState(machine.stateOf(null), machine.restore(null, CA))).toBe(false);
  });
});

describe('allows: a category on in the state of now (hasConsent(), gating)', () => {
  const table: Array<[string, ConsentRecord | null, string, boolean]> = [
    ['no decision, opt-in: only the required category', null, 'necessary', true],
    ['no decision, opt-in: analytics off', null, 'analytics', false],
    ['a decision with analytics on', record(), 'analytics', true],
    ['a decision with analytics off', record({ c: { necessary: true, analytics: false } }), 'analytics', false],
    ['an unknown category is never allowed', record(), 'ads', false],
    ["an inherited property is no category ('toString')", record(), 'toString', false],
  ];
  it.each(table)('%s', (_, cookie, category, allowed) => {
    expect(createConsentMachine(options(), cookie).allows(category)).toBe(allowed);
  });
  it('follows the transitions: the answer of now, not of when the machine was made', () => {
    const machine = createConsentMachine(options(), null);
    machine.restore(null, DE);
    expect(machine.allows('analytics')).toBe(false);
    machine.decide(record());
    expect(machine.allows('analytics')).toBe(true);
    machine.reset();
    expect(machine.allows('analytics')).toBe(false);
  });
});
