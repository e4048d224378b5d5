import type { ResolvedCategory } from '../config/types';
import { UNKNOWN } from '../jurisdiction/locate';
import type { Jurisdiction } from '../jurisdiction/types';
import type { Signals } from './defaults';
import type { ConsentRecord } from './record';
import { toState, type CategoryPolicy, type ConsentState } from './state';

/** The jurisdiction a decision was made in: a returning visitor's region and regime are the record's. */
export const fromRecord = (rec: ConsentRecord): Jurisdiction => ({
  region: rec.reg,
  regime: rec.rgm,
  source: rec.rs,
  gpcRequired: false,
});

/**
 * What moved the state: `restore` (storage read, at ready), `decide` (this tab's decision), `adopt` (another tab's
 * newer decision), `forget` (another tab's reset), `reset` (this tab's).
 */
export type Transition = 'restore' | 'decide' | 'adopt' | 'forget' | 'reset';

export type ConsentListener = (next: ConsentState, prev: ConsentState, transition: Transition) => void;

/** A change is a change: a transition that leaves every field as it was (ready confirming the cookie) is not one. */
export const sameState = (a: ConsentState, b: ConsentState) => JSON.stringify(a) === JSON.stringify(b);

export interface ConsentMachineOptions {
  categories: readonly ResolvedCategory[];
  revision: number;
  signals: Signals;
  /** whether GPC/DNT act as an opt-out in a jurisdiction */
  honor(jurisdiction: Jurisdiction): boolean;
  /** the operator's defaults and locks per category in a jurisdiction */
  policy(jurisdiction: Jurisdiction): CategoryPolicy;
  /** the UI language shown now */
  language(): string;
}

/** The headless consent state: record, jurisdiction and state, moved only by transitions; no DOM, no storage. */
export interface ConsentMachine {
  readonly record: ConsentRecord | null;
  readonly jurisdiction: Jurisdiction;
  readonly state: ConsentState;
  /** the storage read is done (`restore` happened) */
  readonly ready: boolean;
  /** The category is on in the state of now (`hasConsent()`, gating). */
  allows(category: string): boolean;
  /** GPC/DNT act as an opt-out here */
  honors(): boolean;
  policy(): CategoryPolicy;
  /** The state a record (or none) would give in the jurisdiction, language and policy of now. */
  stateOf(record: ConsentRecord | null): ConsentState;
  /** Set the jurisdiction without a transition (the early banner): the state follows at the next one. */
  locate(jurisdiction: Jurisdiction): void;
  restore(record: ConsentRecord | null, jurisdiction: Jurisdiction): ConsentState;
  decide(record: ConsentRecord): ConsentState;
  /** Another tab's decision, if newer than ours; false (nothing happens) otherwise. */
  adopt(record: ConsentRecord): boolean;
  /** Another tab's reset; false (nothing happens) when there is no decision here. */
  forget(): boolean;
  reset(): ConsentState;
  /** Listeners hear every transition, in the order they subscribed. */
  subscribe(listener: ConsentListener): () => void;
}

/**
 * `cookieRecord` is the valid decision the cookie holds at start: a returning visitor's state is its own at once
 * (`hasConsent()` on the first line of the page), in the jurisdiction the decision was made in.
 */
export function createConsentMachine(
  options: ConsentMachineOptions,
  cookieRecord: ConsentRecord | null,
): ConsentMachine {
  const listeners = new Set<ConsentListener>();
  let jurisdiction = UNKNOWN;
  let record = cookieRecord;
  let ready = false;
  const honors = () => options.honor(jurisdiction);
  const policy = () => options.policy(jurisdiction);
  /** the one spelling of toState */
  const compute = (shown: Jurisdiction, rec: ConsentRecord | null) =>
    toState(options.categories, shown, rec, options.revision, options.signals, honors(), options.language(), policy());
  let state = compute(record ? fromRecord(record) : jurisdiction, record);

  const move = (next: ConsentRecord | null, transition: Transition) => {
    const prev = state;
    record = next;
    state = compute(jurisdiction, next);
    for (const listener of [...listeners]) listener(state, prev, transition);
    return state;
  };

  return {
    get record() {
      return record;
    },
    get jurisdiction() {
      return jurisdiction;
    },
    get state() {
      return state;
    },
    get ready() {
      return ready;
    },
    allows: (category) => state.categories[category] === true,
    honors,
    policy,
    stateOf: (rec) => compute(jurisdiction, rec),
    locate(next) {
      jurisdiction = next;
    },
    restore(rec, next) {
      jurisdiction = next;
      ready = true;
      return move(rec, 'restore');
    },
    decide: (rec) => move(rec, 'decide'),
    adopt(latest) {
      if (latest.id === record?.id || (record && latest.at < record.at)) return false;
      jurisdiction = fromRecord(latest);
      move(latest, 'adopt');
      return true;
    },
    forget() {
      if (!record) return false;
      move(null, 'forget');
      return true;
    },
    reset: () => move(null, 'reset'),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
