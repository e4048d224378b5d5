import type { ResolvedConfig } from '../config/types';
import { randomId } from '../lib/random-id';
import type { KeyValueStore } from '../storage/idb';
import { allChoices, mergeChoices } from './defaults';
import type { ConsentMachine } from './machine';
import type { ConsentPersistence } from './persist';
import { DAY, MAX_AGE_DAYS, SCHEMA, type ConsentRecord, type DecisionMethod } from './record';
import { toReceipt } from './receipt';
import type { Receipts } from './receipt-outbox';
import { applyLocks, copyState, type ConsentState } from './state';
import type { TabSync } from './tab-sync';

type Regime = ConsentRecord['rgm'];

/** How long a decision lasts, and its cookie (its own setting, else the decision's), in days, per regime. */
export interface Lifetimes {
  decision(regime: Regime): number;
  cookie(regime: Regime): number;
}

export function lifetimes(config: ResolvedConfig): Lifetimes {
  const decision = (regime: Regime) => config.consentMaxAgeDays ?? MAX_AGE_DAYS[regime];
  return { decision, cookie: (regime) => config.cookie.maxAgeDays ?? decision(regime) };
}

export interface DecisionsOptions {
  config: ResolvedConfig;
  lifetimes: Lifetimes;
  machine: ConsentMachine;
  persist: ConsentPersistence;
  kv: KeyValueStore;
  /** null when the site sends no receipts */
  receipts: Receipts | null;
  tabs: TabSync;
  ready: Promise<unknown>;
  now: () => number;
  language: () => string;
}

export interface Decisions {
  /** Record this visitor's decision: stored, told to the other tabs, receipted. */
  decide(choices: Record<string, boolean>, by: DecisionMethod): Promise<ConsentState>;
  /** Accept or reject all: everything non-essential on or off. */
  all(on: boolean, by: DecisionMethod): Promise<ConsentState>;
  /** The visitor's choices (the panel's), merged over the state of now: what they did not name stays as it is. */
  save(choices: Record<string, boolean>, by: DecisionMethod): Promise<ConsentState>;
  /** Forget the decision on this device (`wipe`: the rest of this device's data, deleted alongside). */
  reset(wipe: () => Promise<unknown>): Promise<void>;
}

/** The store's writes: every decision and reset persisted, shared with the other tabs and receipted. */
export function createDecisions(o: DecisionsOptions): Decisions {
  const { machine, persist, receipts, config } = o;
  const decisions: Decisions = {
    async decide(choices, by) {
      await o.ready;
      applyLocks(choices, machine.policy().locks);
      const at = o.now();
      const jurisdiction = machine.jurisdiction;
      const rec: ConsentRecord = {
        v: SCHEMA,
        id: randomId(),
        rev: config.policyRevision,
        at,
        exp: at + o.lifetimes.decision(jurisdiction.regime) * DAY,
        c: choices,
        by,
        reg: jurisdiction.region,
        rgm: jurisdiction.regime,
        rs: jurisdiction.source,
        lang: o.language(),
      };
      // The visitor's consent id, kept across their decisions (docs/SPEC.md §7): only where receipts are sent.
      if (receipts) rec.vid = await receipts.visitor(machine.record?.vid);
      // An explicit choice made while a GPC/DNT signal was present overrides the signal, and the record says so.
      const { gpc, dnt } = machine.state;
      if (machine.honors() && (gpc || dnt)) rec.sig = 1;
      // The cookie is written (synchronously) before listeners hear of the change: what they read agrees with it.
      const saved = persist.save(rec, o.lifetimes.cookie(jurisdiction.regime));
      machine.decide(rec);
      o.tabs.post({ kind: 'decided', record: rec });
      await saved;
      void receipts?.send(toReceipt(rec));
      return copyState(machine.state);
    },
    async reset(wipe) {
      await o.ready;
      // The withdrawal below needs the visitor's key, which the wipe deletes: read it first.
      if (machine.record) await receipts?.visitor(machine.record.vid);
      await Promise.all([persist.clear(), wipe()]);
      // Then the database itself: "forget ... all telemetry state and data on this device" leaves nothing behind.
      await o.kv.drop();
      const withdrawn = machine.record;
      machine.reset();
      o.tabs.post({ kind: 'reset' });
      // A decision forgotten is a change too: the receipt log shows the withdrawal (everything non-essential off).
      if (withdrawn)
        void receipts?.send({
          ...toReceipt({ ...withdrawn, id: randomId(), at: o.now(), c: allChoices(config.categories, false) }),
          method: 'reset',
        });
    },
    all: (on, by) => decisions.decide(allChoices(config.categories, on), by),
    save: (choices, by) =>
      decisions.decide(mergeChoices(config.categories, machine.state.categories, choices).choices, by),
  };
  return decisions;
}
