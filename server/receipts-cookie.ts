import { type ConsentRecord, type DecisionMethod, MAX_AGE_DAYS, parseRecord, SCHEMA } from '../src/consent/record';
import type { Receipt } from './receipts-validate';

/** The consent cookie as the drop-in writes it (docs/SPEC.md §2 `cookie`); the handler writes the same one. */
export interface ReceiptCookieOptions {
  /** Default `consent_relay`. */
  name?: string;
  /** Only when set, as the drop-in does. */
  domain?: string;
  /** Default `/`. */
  path?: string;
  /** Default `Lax`. */
  sameSite?: 'Lax' | 'Strict' | 'None';
  /** The cookie's lifetime; default the regime's decision lifetime (180 days opt-in, 365 otherwise). */
  maxAgeDays?: number;
  /** `Secure`; default: when the request came over https (or `X-Forwarded-Proto: https`), always with SameSite=None. */
  secure?: boolean;
}

/**
 * The record the drop-in would have written for this decision, built by the browser's own record format and checked
 * by its own parser: a receipt that would make a cookie the drop-in rejects is refused (null), never half-written.
 * A withdrawal (`reset`) has no record: the cookie is deleted instead.
 */
export function recordOf(r: Receipt): ConsentRecord | null {
  if (r.method === 'reset') return null;
  const rec: ConsentRecord = {
    v: SCHEMA,
    id: r.id,
    rev: r.revision,
    at: Date.parse(r.timestamp),
    exp: Date.parse(r.expires),
    c: r.choices,
    by: r.method as DecisionMethod,
    reg: r.region,
    rgm: r.regime,
    rs: r.regionSource,
    vid: r.visitor,
  };
  if (r.language) rec.lang = r.language;
  if (r.signal) rec.sig = 1;
  return parseRecord(JSON.stringify(rec));
}

/**
 * `Set-Cookie` for the consent cookie: same name, value encoding (js-cookie's), path, domain and SameSite as the
 * drop-in; not HttpOnly (the drop-in reads it). Set by the server, it is not capped the way WebKit caps cookies
 * written by `document.cookie` (7 days, ITP: https://webkit.org/tracking-prevention/#intelligent-tracking-prevention-itp).
 * `w` is when it was written, as in the drop-in's own cookie (persist.ts refreshes it from there).
 */
export function consentCookie(
  rec: ConsentRecord | null,
  o: ReceiptCookieOptions,
  secure: boolean,
  now: number,
): string {
  const name = encodeName(o.name ?? 'consent_relay');
  const days = o.maxAgeDays ?? (rec ? MAX_AGE_DAYS[rec.rgm] : 0);
  const maxAge = rec ? Math.round(days * 86_400) : 0;
  const value = rec ? encodeValue(JSON.stringify({ ...rec, w: now })) : '';
  const attrs = [`${name}=${value}`, `Path=${o.path ?? '/'}`];
  if (o.domain) attrs.push(`Domain=${o.domain}`);
  attrs.push(`Max-Age=${maxAge}`, `Expires=${new Date(rec ? now + maxAge * 1000 : 0).toUTCString()}`);
  const sameSite = o.sameSite ?? 'Lax';
  attrs.push(`SameSite=${sameSite}`);
  if (o.secure ?? (secure || sameSite === 'None')) attrs.push('Secure');
  return attrs.join('; ');
}

/** js-cookie 3's default write converter: what the drop-in's reader decodes. */
function encodeValue(value: string): string {
  return encodeURIComponent(value).replace(/%(2[346BF]|3[AC-F]|40|5[BDE]|60|7[BCD])/g, decodeURIComponent);
}

function encodeName(name: string): string {
  return encodeURIComponent(name)
    .replace(/%(2[346B]|5E|60|7C)/g, decodeURIComponent)
    .replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
