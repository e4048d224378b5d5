import type { CategoryConfig, ConsentRelayConfig, ResolvedCategory, ResolvedConfig } from './types';
import type { Regime } from '../jurisdiction/types';

const REGIMES: readonly Regime[] = ['opt-in', 'opt-out', 'notice'];
const CATEGORY_ID = /^[a-z][a-z0-9_-]{0,31}$/;
const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,64}$/;
const KNOWN_KEYS = new Set([
  'policyRevision', 'region', 'geoEndpoint', 'geoTimeoutMs', 'categories', 'language', 'translations', 'cookie',
  'consentMaxAgeDays', 'honorGlobalPrivacyControl', 'googleConsentMode', 'receiptEndpoint', 'regimes', 'telemetry',
]);

export const DEFAULT_CATEGORIES: readonly CategoryConfig[] = [
  { id: 'necessary', required: true },
  { id: 'analytics' },
  { id: 'telemetry' },
];

export interface ParsedConfig {
  config: ResolvedConfig;
  /** One message per bad field, each naming it. Any error means: opt-in, everything non-essential denied. */
  errors: string[];
}

const show = (v: unknown) => {
  try {
    return typeof v === 'string' ? JSON.stringify(v) : String(JSON.stringify(v) ?? v).slice(0, 80);
  } catch {
    return typeof v;
  }
};

/** Parse "/^_ga/i" strings from JSON configs into RegExps; plain names match exactly. */
function cookiePattern(p: unknown): RegExp | null {
  if (p instanceof RegExp) return p;
  if (typeof p !== 'string' || !p) return null;
  const m = /^\/(.+)\/([a-z]*)$/.exec(p);
  try {
    return m ? new RegExp(m[1], m[2]) : new RegExp('^' + p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '$');
  } catch {
    return null;
  }
}

/**
 * Validate a page's configuration (pure). Every field is checked; a bad one is reported by name and replaced by its
 * default, so one typo never leaves the page without a banner.
 */
export function parseConfig(input: unknown, baseUrl: string): ParsedConfig {
  const errors: string[] = [];
  const bad = (field: string, want: string, got: unknown) =>
    errors.push(`config.${field} ${want}, got ${show(got)}; using the safe default`);
  const c: ConsentRelayConfig =
    input == null ? {} : typeof input === 'object' && !Array.isArray(input) ? (input as ConsentRelayConfig) : {};
  if (c !== input && input != null) bad('(root)', 'must be an object', input);

  for (const key of Object.keys(c)) if (!KNOWN_KEYS.has(key)) errors.push(`config.${key} is not a known option`);

  const num = (field: keyof ConsentRelayConfig, dflt: number, min: number, integer = false): number => {
    const v = c[field];
    if (v === undefined) return dflt;
    if (typeof v === 'number' && Number.isFinite(v) && v >= min && (!integer || Number.isInteger(v))) return v;
    bad(field, `must be ${integer ? 'an integer' : 'a number'} >= ${min}`, v);
    return dflt;
  };
  const bool = (field: keyof ConsentRelayConfig, dflt: boolean): boolean => {
    const v = c[field];
    if (v === undefined) return dflt;
    if (typeof v === 'boolean') return v;
    bad(field, 'must be true or false', v);
    return dflt;
  };
  const url = (field: keyof ConsentRelayConfig): string | null => {
    const v = c[field];
    if (v === undefined || v === null) return null;
    try {
      if (typeof v === 'string' && v) {
        const u = new URL(v, baseUrl);
        if (u.protocol === 'https:' || u.protocol === 'http:') return u.href;
      }
    } catch {
      /* reported below */
    }
    bad(field, 'must be an http(s) URL', v);
    return null;
  };

  let region = 'auto';
  if (c.region !== undefined) {
    if (typeof c.region === 'string' && (c.region === 'auto' || /^[A-Za-z]{2}(-[A-Za-z0-9]{1,3})?$/.test(c.region)))
      region = c.region === 'auto' ? 'auto' : c.region.toUpperCase();
    else bad('region', "must be 'auto' or an ISO code such as 'DE' or 'US-CA'", c.region);
  }

  const categories = parseCategories(c.categories, errors, bad);

  let language = 'auto';
  if (c.language !== undefined) {
    if (typeof c.language === 'string' && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$|^auto$/.test(c.language))
      language = c.language;
    else bad('language', "must be 'auto' or a language tag such as 'fr' or 'pt-BR'", c.language);
  }

  const translations: Record<string, Record<string, string>> = {};
  if (c.translations !== undefined) {
    if (c.translations && typeof c.translations === 'object' && !Array.isArray(c.translations)) {
      for (const [lang, table] of Object.entries(c.translations)) {
        if (!table || typeof table !== 'object' || Array.isArray(table)) {
          bad(`translations.${lang}`, 'must be an object of strings', table);
          continue;
        }
        const out: Record<string, string> = {};
        for (const [k, s] of Object.entries(table)) {
          if (typeof s === 'string') out[k] = s;
          else bad(`translations.${lang}.${k}`, 'must be a string', s);
        }
        translations[lang.toLowerCase()] = out;
      }
    } else bad('translations', 'must be an object keyed by language', c.translations);
  }

  const cookie = { name: 'consent_relay', path: '/', sameSite: 'Lax' as const } as ResolvedConfig['cookie'];
  if (c.cookie !== undefined) {
    const k = c.cookie;
    if (k && typeof k === 'object' && !Array.isArray(k)) {
      if (k.name !== undefined) {
        if (typeof k.name === 'string' && COOKIE_NAME.test(k.name)) cookie.name = k.name;
        else bad('cookie.name', 'must be a valid cookie name', k.name);
      }
      if (k.domain !== undefined) {
        if (typeof k.domain === 'string' && /^\.?[a-z0-9.-]+$/i.test(k.domain)) cookie.domain = k.domain;
        else bad('cookie.domain', 'must be a domain name', k.domain);
      }
      if (k.path !== undefined) {
        if (typeof k.path === 'string' && k.path.startsWith('/')) cookie.path = k.path;
        else bad('cookie.path', "must start with '/'", k.path);
      }
      if (k.sameSite !== undefined) {
        const s = typeof k.sameSite === 'string' ? k.sameSite[0].toUpperCase() + k.sameSite.slice(1).toLowerCase() : '';
        if (s === 'Lax' || s === 'Strict' || s === 'None') cookie.sameSite = s;
        else bad('cookie.sameSite', "must be 'Lax', 'Strict' or 'None'", k.sameSite);
      }
      if (k.maxAgeDays !== undefined) {
        if (typeof k.maxAgeDays === 'number' && k.maxAgeDays > 0 && k.maxAgeDays <= 400) cookie.maxAgeDays = k.maxAgeDays;
        // Chrome caps cookie lifetimes at 400 days (RFC 6265bis §5.5).
        else bad('cookie.maxAgeDays', 'must be a number of days between 0 and 400', k.maxAgeDays);
      }
    } else bad('cookie', 'must be an object', k);
  }

  const regimes: Record<string, Regime> = {};
  if (c.regimes !== undefined) {
    if (c.regimes && typeof c.regimes === 'object' && !Array.isArray(c.regimes)) {
      for (const [code, r] of Object.entries(c.regimes)) {
        if (!/^[A-Za-z]{2}(-[A-Za-z0-9]{1,3})?$/.test(code)) bad(`regimes.${code}`, 'must be keyed by an ISO code', code);
        else if (!REGIMES.includes(r as Regime)) bad(`regimes.${code}`, "must be 'opt-in', 'opt-out' or 'notice'", r);
        else regimes[code.toUpperCase()] = r as Regime;
      }
    } else bad('regimes', 'must be an object of ISO code → regime', c.regimes);
  }

  let telemetry: Record<string, unknown> | null = null;
  if (c.telemetry !== undefined && c.telemetry !== null) {
    if (typeof c.telemetry === 'object' && !Array.isArray(c.telemetry)) telemetry = c.telemetry;
    else bad('telemetry', 'must be an object', c.telemetry);
  }

  const consentMaxAgeDays =
    c.consentMaxAgeDays === undefined ? null : num('consentMaxAgeDays', NaN, 1) || null;

  return {
    errors,
    config: {
      policyRevision: num('policyRevision', 1, 0, true),
      region,
      geoEndpoint: url('geoEndpoint'),
      geoTimeoutMs: num('geoTimeoutMs', 1500, 0),
      categories,
      language,
      translations,
      cookie,
      consentMaxAgeDays,
      honorGlobalPrivacyControl: bool('honorGlobalPrivacyControl', true),
      googleConsentMode: bool('googleConsentMode', false),
      receiptEndpoint: url('receiptEndpoint'),
      regimes,
      telemetry,
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
    else bad('categories', 'must be an array of { id, required?, label?, description?, cookies? }', v);
  }
  const out: ResolvedCategory[] = [];
  list.forEach((cat, i) => {
    const field = `categories[${i}]`;
    if (!cat || typeof cat !== 'object' || typeof cat.id !== 'string' || !CATEGORY_ID.test(cat.id)) {
      bad(`${field}.id`, 'must be a lower-case id such as "analytics"', cat && (cat as CategoryConfig).id);
      return;
    }
    if (out.some((o) => o.id === cat.id)) return void errors.push(`config.${field}.id "${cat.id}" is listed twice`);
    for (const k of ['label', 'description'] as const)
      if (cat[k] !== undefined && typeof cat[k] !== 'string') bad(`${field}.${k}`, 'must be a string', cat[k]);
    if (cat.required !== undefined && typeof cat.required !== 'boolean')
      bad(`${field}.required`, 'must be true or false', cat.required);
    const cookies: RegExp[] = [];
    if (cat.cookies !== undefined) {
      if (!Array.isArray(cat.cookies)) bad(`${field}.cookies`, 'must be an array of names or patterns', cat.cookies);
      else
        for (const p of cat.cookies) {
          const re = cookiePattern(p);
          if (re) cookies.push(re);
          else bad(`${field}.cookies`, 'must hold cookie names, RegExps or "/pattern/" strings', p);
        }
    }
    out.push({
      id: cat.id,
      // A required category is never optional; the necessary one always is required.
      required: cat.id === 'necessary' || cat.required === true,
      label: typeof cat.label === 'string' ? cat.label : undefined,
      description: typeof cat.description === 'string' ? cat.description : undefined,
      cookies,
    });
  });
  if (!out.some((c) => c.id === 'necessary')) out.unshift({ id: 'necessary', required: true, cookies: [] });
  return out;
}
