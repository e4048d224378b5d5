import type { Regime, RegionSource } from '../jurisdiction/types';

/**
 * The stored consent decision. Its keys are stored in cookies and IndexedDB and sent in receipts: never rename
 * or mangle them. `v` is the storage schema; a record of another schema is not ours to interpret.
 */
export interface ConsentRecord {
  v: 1;
  /** random receipt id, new for every decision */
  id: string;
  /** policyRevision the visitor answered */
  rev: number;
  /** decided at / expires at, epoch ms */
  at: number;
  exp: number;
  /** choices by category id */
  c: Record<string, boolean>;
  /** how it was made: 'banner' | 'preferences' | 'api' */
  by: DecisionMethod;
  /** region and regime in force when it was made (proof of what was shown) */
  reg: string | null;
  rgm: Regime;
  /** how the region was found */
  rs: RegionSource;
  /** language the visitor read */
  lang?: string;
  /** a GPC/DNT signal was present when the visitor chose: an explicit choice overrides it, and says so */
  sig?: 1;
  /** the visitor's pseudonymous consent id: random, kept across this device's decisions (docs/SPEC.md §7) */
  vid?: string;
}

export type DecisionMethod = 'banner' | 'preferences' | 'api';

export const SCHEMA = 1;
/** Anything longer is not a record we wrote (ours is ~250 bytes even with many categories). */
export const MAX_RECORD_CHARS = 2048;
const METHODS: readonly DecisionMethod[] = ['banner', 'preferences', 'api'];
const REGIMES: readonly Regime[] = ['opt-in', 'opt-out', 'notice'];
const SOURCES: readonly RegionSource[] = ['config', 'geo', 'timezone', 'language', 'unknown'];
/** Clocks drift; a record "from the future" by more than this was not written by this device. */
const SKEW_MS = 5 * 60_000;
const DAY = 86_400_000;

/** Default decision lifetime per regime, in days. */
export const MAX_AGE_DAYS: Record<Regime, number> = {
  // CNIL (2020 guidelines, §50) recommends asking again after about six months.
  'opt-in': 180,
  // CCPA regs 11 CCR 7026(k): wait 12 months before asking someone who opted out to opt back in.
  'opt-out': 365,
  notice: 365,
};

/**
 * Read an untrusted value (a cookie written by anyone, an IndexedDB entry from an older version) as a record.
 * Returns null for anything that is not exactly our current schema: no decision, never consent.
 */
export function parseRecord(raw: unknown): ConsentRecord | null {
  let r = raw;
  if (typeof r === 'string') {
    if (r.length > MAX_RECORD_CHARS) return null;
    try {
      r = JSON.parse(r);
    } catch {
      return null;
    }
  }
  if (!r || typeof r !== 'object' || Array.isArray(r)) return null;
  const o = r as Record<string, unknown>;
  if (o.v !== SCHEMA) return null;
  if (typeof o.id !== 'string' || !/^[\w-]{8,64}$/.test(o.id)) return null;
  if (!Number.isInteger(o.rev) || (o.rev as number) < 0) return null;
  if (!isTime(o.at) || !isTime(o.exp) || (o.exp as number) <= (o.at as number)) return null;
  if (!o.c || typeof o.c !== 'object' || Array.isArray(o.c)) return null;
  const c: Record<string, boolean> = {};
  for (const [k, val] of Object.entries(o.c as object)) {
    if (!/^[a-z][a-z0-9_-]{0,31}$/.test(k) || typeof val !== 'boolean') return null;
    c[k] = val;
  }
  if (!METHODS.includes(o.by as DecisionMethod)) return null;
  if (!REGIMES.includes(o.rgm as Regime)) return null;
  if (!SOURCES.includes(o.rs as RegionSource)) return null;
  if (o.reg !== null && (typeof o.reg !== 'string' || !/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/.test(o.reg))) return null;
  if (o.lang !== undefined && (typeof o.lang !== 'string' || o.lang.length > 35)) return null;
  if (o.vid !== undefined && (typeof o.vid !== 'string' || !/^[\w-]{8,64}$/.test(o.vid))) return null;
  const rec: ConsentRecord = {
    v: 1,
    id: o.id,
    rev: o.rev as number,
    at: o.at as number,
    exp: o.exp as number,
    c,
    by: o.by as DecisionMethod,
    reg: o.reg as string | null,
    rgm: o.rgm as Regime,
    rs: o.rs as RegionSource,
  };
  if (o.lang) rec.lang = o.lang as string;
  if (o.sig === 1) rec.sig = 1;
  if (o.vid) rec.vid = o.vid as string;
  return rec;
}

const isTime = (t: unknown) => typeof t === 'number' && Number.isInteger(t) && t > 0 && t < 8.64e15;

export type RecordVerdict = 'valid' | 'none' | 'old-revision' | 'expired' | 'future';

/** Does a stored record still stand as the visitor's decision? Pure; `maxAgeDays` is the current lifetime. */
export function judgeRecord(
  rec: ConsentRecord | null,
  revision: number,
  now: number,
  maxAgeDays: number,
): RecordVerdict {
  if (!rec) return 'none';
  if (rec.at > now + SKEW_MS) return 'future';
  // A revision other than the current one (older, or newer after a roll-back) was an answer to another text.
  if (rec.rev !== revision) return 'old-revision';
  if (rec.exp <= now || rec.at + maxAgeDays * DAY <= now) return 'expired';
  return 'valid';
}

/** The newer of two records (by decision time); either may be null. */
export function newer(a: ConsentRecord | null, b: ConsentRecord | null): ConsentRecord | null {
  if (!a) return b;
  if (!b) return a;
  return b.at > a.at ? b : a;
}

export function sameRecord(a: ConsentRecord | null, b: ConsentRecord | null): boolean {
  return !!a && !!b && a.id === b.id && a.at === b.at;
}

export { DAY };
