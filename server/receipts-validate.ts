import { MAX_AGE_DAYS } from '../src/consent/record';
import type { ConsentReceipt } from '../src/consent/receipt';
import type { Regime, RegionSource } from '../src/jurisdiction/types';

/**
 * A consent receipt as the store keeps it: the drop-in's receipt (src/consent/receipt.ts, docs/SPEC.md §2
 * `receiptEndpoint`; one field list for both halves) with the visitor's pseudonymous consent id always set, and the
 * regime and region source checked. Nothing else is kept: unknown fields are dropped, and no IP address or user
 * agent is ever read from the request. `method` is 'banner' | 'preferences' | 'api', or 'reset' for a withdrawal.
 */
export interface Receipt extends Omit<ConsentReceipt, 'visitor' | 'regime' | 'regionSource'> {
  /** the visitor's pseudonymous consent id, stable on their device across decisions */
  visitor: string;
  regime: Regime;
  /** how the region was found */
  regionSource: RegionSource;
}

export type Validated = { ok: true; receipt: Receipt } | { ok: false; field: string; error: string };

const ID = /^[\w-]{8,64}$/;
const CATEGORY = /^[a-z][a-z0-9_-]{0,31}$/;
const REGION = /^[A-Z]{2}(-[A-Z0-9]{1,3})?$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;
const REGIMES: readonly string[] = ['opt-in', 'opt-out', 'notice'];
const METHODS: readonly string[] = ['banner', 'preferences', 'api', 'reset'];
const SOURCES: readonly string[] = ['config', 'geo', 'timezone', 'language', 'unknown'];
const DAY = 86_400_000;
/** Clocks drift; a decision "from the future" by more than this was not made by a visitor's device. */
export const SKEW_MS = 5 * 60_000;

/**
 * Checks a posted receipt field by field; the first bad one is named. Pure: `now` is the server's clock.
 * `newVisitor` makes a consent id for a receipt that has none (a drop-in older than consent records).
 */
export function validateReceipt(input: unknown, now: number, newVisitor: () => string): Validated {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return bad('body', 'must be a JSON object');
  const o = input as Record<string, unknown>;
  if (typeof o.id !== 'string' || !ID.test(o.id)) return bad('id', 'must be 8-64 letters, digits, _ or -');
  const visitor = o.visitor ?? newVisitor();
  if (typeof visitor !== 'string' || !ID.test(visitor)) return bad('visitor', 'must be 8-64 letters, digits, _ or -');
  if (!Number.isInteger(o.revision) || (o.revision as number) < 0) return bad('revision', 'must be an integer >= 0');
  const region = o.region ?? null;
  if (region !== null && (typeof region !== 'string' || !REGION.test(region)))
    return bad('region', "must be null or an ISO 3166 code such as 'DE' or 'US-CA'");
  if (!REGIMES.includes(o.regime as string)) return bad('regime', `must be one of ${REGIMES.join(', ')}`);
  const regime = o.regime as Regime;
  if (!o.choices || typeof o.choices !== 'object' || Array.isArray(o.choices))
    return bad('choices', 'must be an object of category id to boolean');
  const choices: Record<string, boolean> = {};
  const entries = Object.entries(o.choices as object);
  if (entries.length > 64) return bad('choices', 'has more than 64 categories');
  for (const [k, v] of entries) {
    if (!CATEGORY.test(k) || typeof v !== 'boolean') return bad(`choices.${k}`, 'must be a boolean for a category id');
    choices[k] = v;
  }
  const at = isoTime(o.timestamp);
  if (at === null) return bad('timestamp', 'must be an ISO 8601 date-time with an offset');
  if (at > now + SKEW_MS) return bad('timestamp', 'is in the future');
  const method = o.method ?? 'api';
  if (!METHODS.includes(method as string)) return bad('method', `must be one of ${METHODS.join(', ')}`);
  const language = o.language ?? null;
  if (language !== null && (typeof language !== 'string' || !/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$/.test(language)))
    return bad('language', 'must be null or a BCP 47 language tag');
  const signal = o.signal ?? false;
  if (typeof signal !== 'boolean') return bad('signal', 'must be a boolean');
  let expires = at + MAX_AGE_DAYS[regime] * DAY;
  if (o.expires !== undefined) {
    const exp = isoTime(o.expires);
    if (exp === null) return bad('expires', 'must be an ISO 8601 date-time with an offset');
    if (exp <= at) return bad('expires', 'must be after timestamp');
    expires = exp;
  }
  const regionSource = o.regionSource ?? 'unknown';
  if (!SOURCES.includes(regionSource as string)) return bad('regionSource', `must be one of ${SOURCES.join(', ')}`);
  return {
    ok: true,
    receipt: {
      id: o.id,
      visitor,
      revision: o.revision as number,
      region: region as string | null,
      regime,
      choices,
      timestamp: new Date(at).toISOString(),
      method: method as string,
      language: language as string | null,
      signal,
      expires: new Date(expires).toISOString(),
      regionSource: regionSource as RegionSource,
    },
  };
}

function isoTime(value: unknown): number | null {
  if (typeof value !== 'string' || !ISO.test(value)) return null;
  const t = Date.parse(value);
  return Number.isFinite(t) ? t : null;
}

function bad(field: string, error: string): Validated {
  return { ok: false, field, error: `${field} ${error}` };
}

/** The receipt's content as one canonical string: the same receipt posted twice has the same digest input. */
export function canonical(receipt: Receipt): string {
  const sorted = (v: unknown): unknown =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, sorted((v as Record<string, unknown>)[k])]),
        )
      : v;
  return JSON.stringify(sorted(receipt));
}
