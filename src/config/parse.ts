import type { CategoryConfig, ConsentRelayConfig, ResolvedCategory, ResolvedConfig } from './types';
import { isRegime } from '../jurisdiction/regimes';
import type { Regime } from '../jurisdiction/types';
import {
  bool,
  type Check,
  ID,
  mustBe,
  oneOf,
  parseTelemetryOptions,
  type TelemetryOptions,
} from '../telemetry/options';

export const DEFAULT_CATEGORIES: readonly CategoryConfig[] = [
  { id: 'necessary', required: true },
  { id: 'analytics' },
  { id: 'telemetry' },
];

export interface ParsedConfig {
  config: ResolvedConfig;
  /**
   * One message per bad field, each naming it, `telemetry.*` included. Any error means: opt-in, everything
   * non-essential denied.
   */
  errors: string[];
  /** `config.telemetry` validated in the same stage: null without it; `errors` are its own (the reporter stays off) */
  telemetry: { options: TelemetryOptions; errors: string[] } | null;
}

const REGION = /^[A-Za-z]{2}(-[A-Za-z0-9]{1,3})?$/;
/** A plain object (not null, not an array): what every object-valued config field must be. */
export const isObj = (v: unknown): v is Record<string, any> => !!v && typeof v === 'object' && !Array.isArray(v);
const num =
  (min: number, max = Infinity, int = false): Check =>
  (v) =>
    typeof v === 'number' && v >= min && v <= max && (!int || Number.isInteger(v)) ? v : undefined;
const str =
  (re: RegExp, f = (s: string) => s): Check =>
  (v) =>
    typeof v === 'string' && re.test(v) ? f(v) : undefined;

/** Parse "/^_ga/i" strings from JSON configs into RegExps; plain names match exactly. */
function cookiePattern(p: unknown): RegExp | undefined {
  if (p instanceof RegExp) return p;
  if (typeof p !== 'string' || !p) return;
  const m = /^\/(.+)\/([a-z]*)$/.exec(p);
  try {
    return m ? new RegExp(m[1], m[2]) : new RegExp('^' + p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '$');
  } catch {
    /* reported by the caller */
  }
}

/** [key, what it must be, check, default] — the whole top level of docs/SPEC.md §2 as one table. */
const TOP: Array<[keyof ConsentRelayConfig, string, Check, unknown]> = [
  ['policyRevision', 'an integer >= 0', num(0, Infinity, true), 1],
  ['region', "'auto' or an ISO code", (v) => (v === 'auto' ? v : str(REGION, (s) => s.toUpperCase())(v)), 'auto'],
  ['geoTimeoutMs', 'a number >= 0', num(0), 1500],
  ['language', "'auto' or a language tag", str(/^(auto|[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*)$/), 'auto'],
  ['consentMaxAgeDays', 'a number of days >= 1', num(1), null],
  ['honorGlobalPrivacyControl', 'true or false', bool, true],
  ['googleConsentMode', 'true or false', bool, false],
  ['telemetry', 'an object', (v) => (isObj(v) ? v : undefined), null],
  ['layout', "'bar', 'box' or 'corner'", oneOf('bar', 'box', 'corner'), 'bar'],
];
const COOKIE: Array<[string, string, Check]> = [
  ['name', 'a valid cookie name', str(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,64}$/)],
  ['domain', 'a domain name', str(/^\.?[a-z0-9.-]+$/i)],
  ['path', "a path starting with '/'", str(/^\//)],
  [
    'sameSite',
    "'Lax', 'Strict' or 'None'",
    (v) => (typeof v === 'string' ? { lax: 'Lax', strict: 'Strict', none: 'None' }[v.toLowerCase()] : undefined),
  ],
  // Chrome caps cookie lifetimes at 400 days (RFC 6265bis §5.5).
  ['maxAgeDays', 'days, up to 400', num(0.001, 400)],
];
const KNOWN = new Set<string>([
  ...TOP.map((t) => t[0]),
  'geoEndpoint',
  'receiptEndpoint',
  'assetBase',
  'categories',
  'translations',
  'cookie',
  'regimes',
]);

/**
 * Validate a page's configuration (pure). Every field is checked; a bad one is reported by name and replaced by its
 * default, so one typo never leaves the page without a banner. One pass over docs/SPEC.md §2, top to bottom (the
 * tables above, then the nested objects): longer than ~80 lines because each §2 key is a line or two here.
 */
export function parseConfig(input: unknown, baseUrl: string): ParsedConfig {
  const errors: string[] = [];
  const bad = (field: string, want: string, got: unknown) =>
    errors.push(mustBe(field, want, got, 'using the safe default'));
  const c: Record<string, any> = isObj(input) ? input : {};
  if (input != null && !isObj(input)) bad('(root)', 'an object', input);
  for (const key of Object.keys(c)) if (!KNOWN.has(key)) errors.push(`config.${key} is not a known option`);

  /** Validate c[key] (or o[key]) with `check`; report and return the default when bad. */
  const field = (o: Record<string, any>, key: string, path: string, want: string, check: Check, dflt: unknown) => {
    if (o[key] === undefined) return dflt;
    const v = check(o[key]);
    if (v === undefined) bad(path, want, o[key]);
    return v === undefined ? dflt : v;
  };
  const out: Record<string, unknown> = {};
  for (const [key, want, check, dflt] of TOP) out[key] = field(c, key, key, want, check, dflt);
  const url = (key: string) =>
    field(
      c,
      key,
      key,
      'an http(s) URL',
      (v) => {
        try {
          const u = typeof v === 'string' && v && new URL(v, baseUrl);
          return u && /^https?:$/.test(u.protocol) ? u.href : undefined;
        } catch {
          /* bad URL */
        }
      },
      null,
    );

  const cookie: Record<string, unknown> = { name: 'consent_relay', path: '/', sameSite: 'Lax' };
  if (c.cookie !== undefined) {
    if (!isObj(c.cookie)) bad('cookie', 'an object', c.cookie);
    else
      for (const [key, want, check] of COOKIE)
        cookie[key] = field(c.cookie, key, 'cookie.' + key, want, check, cookie[key]);
  }

  const objOf = (key: string, want: string, each: (k: string, v: unknown) => void) => {
    if (c[key] === undefined) return;
    if (!isObj(c[key])) return bad(key, want, c[key]);
    for (const [k, v] of Object.entries(c[key])) each(k, v);
  };
  const translations: Record<string, Record<string, string>> = {};
  objOf('translations', 'an object', (lang, table) => {
    if (!isObj(table)) return bad(`translations.${lang}`, 'an object of strings', table);
    const t: Record<string, string> = (translations[lang.toLowerCase()] = {});
    for (const [k, s] of Object.entries(table))
      if (typeof s === 'string') t[k] = s;
      else bad(`translations.${lang}.${k}`, 'a string', s);
  });
  const regimes: Record<string, Regime> = {};
  objOf('regimes', 'an object', (code, r) => {
    if (!REGION.test(code)) bad(`regimes.${code}`, 'keyed by an ISO code', code);
    else if (!isRegime(r)) bad(`regimes.${code}`, "'opt-in', 'opt-out' or 'notice'", r);
    else regimes[code.toUpperCase()] = r;
  });

  const categories = parseCategories(c.categories, errors, bad);
  // The reporter's options are part of the config: an error there falls back as strictly as any other.
  const telemetry = isObj(out.telemetry)
    ? parseTelemetryOptions(
        out.telemetry,
        baseUrl,
        categories.filter((cat) => !cat.required).map((cat) => cat.id),
      )
    : null;
  if (telemetry) errors.push(...telemetry.errors);
  return {
    errors,
    telemetry,
    config: {
      ...(out as Omit<
        ResolvedConfig,
        'geoEndpoint' | 'receiptEndpoint' | 'assetBase' | 'categories' | 'translations' | 'cookie' | 'regimes'
      >),
      geoEndpoint: url('geoEndpoint') as string | null,
      receiptEndpoint: url('receiptEndpoint') as string | null,
      // A folder: `https://cdn.example/cr` and `https://cdn.example/cr/` both mean the files are under cr/.
      assetBase: (url('assetBase') as string | null)?.replace(/\/?$/, '/') ?? null,
      categories,
      translations,
      cookie: cookie as unknown as ResolvedConfig['cookie'],
      regimes,
    },
  };
}

function parseCategories(
  v: unknown,
  errors: string[],
  bad: (field: string, want: string, got: unknown) => void,
): ResolvedCategory[] {
  let list: readonly CategoryConfig[] = DEFAULT_CATEGORIES;
  if (v !== undefined) {
    if (Array.isArray(v)) list = v;
    else bad('categories', 'an array of categories', v);
  }
  const out: ResolvedCategory[] = [];
  list.forEach((cat, i) => {
    const f = `categories[${i}]`;
    if (!isObj(cat) || typeof cat.id !== 'string' || !ID.test(cat.id))
      return bad(`${f}.id`, 'a lower-case id', isObj(cat) ? cat.id : cat);
    if (out.some((o) => o.id === cat.id)) return void errors.push(`config.${f}.id "${cat.id}" is listed twice`);
    for (const k of ['label', 'description'] as const)
      if (cat[k] !== undefined && typeof cat[k] !== 'string') bad(`${f}.${k}`, 'a string', cat[k]);
    if (cat.required !== undefined && typeof cat.required !== 'boolean')
      bad(`${f}.required`, 'true or false', cat.required);
    const cookies: RegExp[] = [];
    const cookieInfo: Array<{ name: string; purpose?: string }> = [];
    if (cat.cookies !== undefined && !Array.isArray(cat.cookies)) bad(`${f}.cookies`, 'an array', cat.cookies);
    else
      for (const p of cat.cookies || []) {
        const obj = isObj(p) && !(p instanceof RegExp);
        const name = obj ? p.name : p;
        const purpose = obj && typeof p.purpose === 'string' ? p.purpose : undefined;
        const re = cookiePattern(name);
        if (re && (!obj || p.purpose === undefined || purpose !== undefined)) {
          cookies.push(re);
          cookieInfo.push({ name: name instanceof RegExp ? String(name) : name, purpose });
        } else bad(`${f}.cookies`, 'a name, RegExp, "/pattern/" or { name, purpose }', p);
      }
    out.push({
      id: cat.id,
      // The necessary category is always required.
      required: cat.id === 'necessary' || cat.required === true,
      label: typeof cat.label === 'string' ? cat.label : undefined,
      description: typeof cat.description === 'string' ? cat.description : undefined,
      cookies,
      cookieInfo,
    });
  });
  if (!out.some((c) => c.id === 'necessary')) out.unshift({ id: 'necessary', required: true, cookies: [] });
  return out;
}
