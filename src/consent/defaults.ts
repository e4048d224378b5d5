import type { Regime } from '../jurisdiction/types';
import type { ResolvedCategory } from '../config/types';

export interface Signals {
  /** Global Privacy Control (navigator.globalPrivacyControl) */
  gpc: boolean;
  /** Do Not Track (navigator.doNotTrack === '1') */
  dnt: boolean;
}

/** What applies before (or without) an explicit decision. Pure. */
export interface Defaults {
  choices: Record<string, boolean>;
  /** 'signal' when a GPC/DNT signal turned defaults off, else 'default' */
  source: 'default' | 'signal';
}

/**
 * Regime defaults: opt-in starts with everything non-essential off (ePrivacy 5(3); CJEU Planet49: no pre-ticked
 * boxes); opt-out and notice start on. A GPC/DNT signal, when honoured, acts as the opt-out (CCPA regs 7025).
 */
export function defaultChoices(
  categories: readonly ResolvedCategory[],
  regime: Regime,
  signals: Signals,
  honorSignals: boolean,
): Defaults {
  const signalled = honorSignals && (signals.gpc || signals.dnt);
  const on = regime !== 'opt-in' && !signalled;
  const choices: Record<string, boolean> = {};
  for (const c of categories) choices[c.id] = c.required || on;
  return { choices, source: signalled && regime !== 'opt-in' ? 'signal' : 'default' };
}

/** Choices for "accept all" / "reject all": required categories stay on. */
export function allChoices(categories: readonly ResolvedCategory[], value: boolean): Record<string, boolean> {
  const choices: Record<string, boolean> = {};
  for (const c of categories) choices[c.id] = c.required || value;
  return choices;
}

/**
 * Merge a partial update into current choices: unknown ids, non-booleans and a required category turned off are
 * ignored and listed in `rejected` (reported by the caller): required ones cannot be turned off.
 */
export function mergeChoices(
  categories: readonly ResolvedCategory[],
  current: Record<string, boolean>,
  patch: Record<string, unknown>,
): { choices: Record<string, boolean>; rejected: string[] } {
  const choices: Record<string, boolean> = {};
  const rejected: string[] = [];
  for (const c of categories) choices[c.id] = c.required || !!current[c.id];
  for (const [id, v] of Object.entries(patch)) {
    const cat = categories.find((c) => c.id === id);
    if (!cat || typeof v !== 'boolean' || (cat.required && !v)) rejected.push(id);
    else if (!cat.required) choices[id] = v;
  }
  return { choices, rejected };
}

/**
 * GPC is a boolean in the spec, but early implementations and extensions expose strings
 * (W3C GPC draft §3; the facts file): accept true, "true" and "1".
 */
export function readSignals(nav: { globalPrivacyControl?: unknown; doNotTrack?: unknown } | undefined): Signals {
  const g = nav && nav.globalPrivacyControl;
  return {
    gpc: g === true || g === 'true' || g === '1',
    dnt: !!nav && nav.doNotTrack === '1',
  };
}
