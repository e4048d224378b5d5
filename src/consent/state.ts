import type { ResolvedCategory } from '../config/types';
import type { Jurisdiction, Regime, RegionSource } from '../jurisdiction/types';
import { defaultChoices, type Signals } from './defaults';
import type { ConsentRecord, DecisionMethod } from './record';

/** What `getConsent()` returns and `change` events carry. */
export interface ConsentState {
  /** an explicit, current decision by the visitor exists */
  decided: boolean;
  regime: Regime;
  region: string | null;
  regionSource: RegionSource;
  revision: number;
  categories: Record<string, boolean>;
  /** ISO times of the decision, or null without one */
  updatedAt: string | null;
  expiresAt: string | null;
  /** where `categories` come from: regime defaults, a GPC/DNT signal, or the visitor's decision (how it was made) */
  source: 'default' | 'signal' | DecisionMethod;
  /** the UI language the visitor was shown */
  language: string;
  /** privacy signals the browser sent */
  gpc: boolean;
  dnt: boolean;
}

/**
 * The page's own copy of a state: what getConsent(), the promises and the events hand out. A page changing it must
 * not change the store's (hasConsent(), gating, the banner read that one).
 */
export const copyState = (s: ConsentState): ConsentState => ({ ...s, categories: { ...s.categories } });

/** Build the state from a valid record or, without one, from the regime's defaults. Pure. */
export function toState(
  categories: readonly ResolvedCategory[],
  jur: Jurisdiction,
  rec: ConsentRecord | null,
  revision: number,
  signals: Signals,
  honorSignals: boolean,
  language: string,
  policy: CategoryPolicy = {},
): ConsentState {
  const base = { revision, language, gpc: signals.gpc, dnt: signals.dnt };
  if (rec) {
    // A GPC/DNT signal that appeared after the decision (made without one) is the visitor's newer word: honoured as an
    // opt-out over the older choice (CCPA regs 11 CCR 7025(c)(3)). A choice made while the signal was present
    // (`sig`) is the consent the visitor gave despite it, and stands.
    const signalled = honorSignals && (signals.gpc || signals.dnt) && !rec.sig;
    const choices: Record<string, boolean> = {};
    // A category added since the decision was never agreed to: off until asked.
    for (const c of categories) choices[c.id] = c.required || (!signalled && rec.c[c.id] === true);
    applyLocks(choices, policy.locks);
    return {
      ...base,
      decided: true,
      regime: rec.rgm,
      region: rec.reg,
      regionSource: jur.source,
      categories: choices,
      updatedAt: new Date(rec.at).toISOString(),
      expiresAt: new Date(rec.exp).toISOString(),
      source: signalled ? 'signal' : rec.by,
    };
  }
  const d = defaultChoices(categories, jur.regime, signals, honorSignals);
  // The operator's default (telemetry `optIn`) applies where nothing stronger (a signal) has decided.
  if (d.source === 'default')
    for (const [id, v] of Object.entries(policy.defaults || {})) if (id in d.choices) d.choices[id] = v;
  applyLocks(d.choices, policy.locks);
  return {
    ...base,
    decided: false,
    regime: jur.regime,
    region: jur.region,
    regionSource: jur.source,
    categories: d.choices,
    updatedAt: null,
    expiresAt: null,
    source: d.source,
  };
}

/** Operator settings per category: defaults (before a decision) and locks (held whatever is chosen). */
export interface CategoryPolicy {
  defaults?: Record<string, boolean>;
  locks?: Record<string, boolean>;
}

export function applyLocks(choices: Record<string, boolean>, locks: Record<string, boolean> | undefined) {
  if (locks) for (const [id, v] of Object.entries(locks)) if (id in choices) choices[id] = v;
  return choices;
}
