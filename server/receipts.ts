import { errorMessage } from './error-message';
import { crossSite, preflighted } from './handler';
import { readText } from './read-text';
import { consentCookie, type ReceiptCookieOptions, recordOf } from './receipts-cookie';
import { canonical, validateReceipt } from './receipts-validate';
import type { ConsentStore } from './store/create-store';
import { StoreUnavailableError } from './store/engine';
import { hashKey, newKey } from './store/visitor-key';

/** docs/SPEC.md §7: a receipt is at most 8 KiB (ours are ~400 bytes). */
export const MAX_RECEIPT_BYTES = 8192;

export interface ReceiptHandlerOptions {
  store: ConsentStore;
  /** The consent cookie's name and attributes, as configured in the drop-in (`cookie`). */
  cookie?: ReceiptCookieOptions;
  /** Seconds a client is told to wait when the database is unreachable. Default 30. */
  retryAfterSeconds?: number;
  /** Errors (the database lost). Default `console`. */
  log?: { error(message: string): void };
  /** The clock, for tests. Default `Date.now`. */
  now?: () => number;
}

export interface ReceiptHandler {
  /**
   * `POST` a receipt → `201 { id, visitor, key }` + `Set-Cookie` (`key` made at the visitor's first receipt, later the
   * one the request sent); the same receipt again → 200; `GET ?id=<visitor>&key=<key>` (or `Authorization: Bearer
   * <key>`) → that visitor's receipts. Never rejects.
   */
  handle(request: Request): Promise<Response>;
  /** The methods `handle` answers (`Allow` of its 405, and of the one an adapter writes for TRACE). */
  readonly allow: string;
}

/**
 * The receipts endpoint (docs/SPEC.md §7 "Consent records"): proof of consent kept append-only, and the consent
 * cookie set by the server, so the decision outlives browsers' caps on script-written cookies. Longer than the house
 * limit: one method per HTTP verb over the same options, store and cookie builder; validation lives in
 * server/receipts-validate.ts and the cookie in server/receipts-cookie.ts.
 *
 * @example
 * const receipts = createReceiptHandler({ store, cookie: { name: 'consent_relay', domain: 'example.com' } });
 * app.all('/consent/receipts', toNodeListener(receipts));
 */
export function createReceiptHandler(options: ReceiptHandlerOptions): ReceiptHandler {
  const cookie = checkOptions(options);
  const { store } = options;
  const now = options.now ?? Date.now;
  const log = options.log ?? console;
  const retryAfter = String(options.retryAfterSeconds ?? 30);

  const unavailable = (err: unknown) => {
    log.error(`consent-relay/server: receipts: ${errorMessage(err)}`);
    // Lost database or a bug: the drop-in keeps the receipt and posts it again later; nothing is half-stored.
    return err instanceof StoreUnavailableError
      ? json(503, { error: 'the consent store is unavailable; retry later' }, { 'retry-after': retryAfter })
      : json(500, { error: 'internal error' });
  };

  async function post(request: Request): Promise<Response> {
    // A cross-site form could otherwise plant a decision (and its cookie) in a visitor's browser.
    if (crossSite(request) && !preflighted(request)) return json(403, { error: 'cross-site receipts are refused' });
    const text = await readText(request, MAX_RECEIPT_BYTES);
    if (text === 'too-large') return json(413, { error: `receipt over ${MAX_RECEIPT_BYTES} bytes`, field: 'body' });
    if (text === 'unreadable') return json(400, { error: 'the body could not be read', field: 'body' });
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return json(400, { error: 'body is not JSON', field: 'body' });
    }
    const at = now();
    // A consent id for a receipt without one (a drop-in older than consent records); made first, as it is async.
    const made = await newKey();
    const checked = validateReceipt(body, at, () => made);
    if (!checked.ok) return json(400, { error: checked.error, field: checked.field });
    const receipt = checked.receipt;
    if (receipt.method !== 'reset' && !recordOf(receipt))
      return json(400, { error: 'the receipt does not make a valid consent cookie', field: 'cookie' });
    const key =
      bearer(request) ?? (typeof (body as { key?: unknown }).key === 'string' ? (body as { key: string }).key : null);
    let saved: Awaited<ReturnType<ConsentStore['saveReceipt']>>;
    try {
      saved = await store.saveReceipt(receipt, await hashKey(canonical(receipt)), key, at);
    } catch (err) {
      return unavailable(err);
    }
    if (saved.status === 'conflict')
      return json(409, { error: `receipt ${receipt.id} was already stored with other content`, field: 'id' });
    if (saved.status === 'forbidden')
      return json(403, { error: 'this visitor has receipts: send their key (Authorization: Bearer <key>)' });
    // docs/SPEC.md §7: the answer is `{ id, visitor, key }`. The key is made at the visitor's first receipt (or anew
    // for a first receipt posted again without one); after that it is the one this request proved it holds.
    const answer: Record<string, string> = { id: receipt.id, visitor: saved.visitor };
    const valid = saved.key ?? key;
    if (valid) answer.key = valid;
    // The cookie follows the visitor's latest decision, not this receipt: an older receipt retried late must not
    // bring back a decision the visitor has since changed.
    return json(saved.status === 'created' ? 201 : 200, answer, {
      'set-cookie': consentCookie(recordOf(saved.latest), cookie, isHttps(request), at),
    });
  }

  async function get(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const visitor = url.searchParams.get('id');
    if (!visitor) return json(400, { error: 'id (the visitor) is required', field: 'id' });
    const key = bearer(request) ?? url.searchParams.get('key');
    if (!key) return json(403, { error: "the visitor's key is required" });
    let receipts: Awaited<ReturnType<ConsentStore['receiptsOf']>>;
    try {
      receipts = await store.receiptsOf(visitor, key);
    } catch (err) {
      return unavailable(err);
    }
    if (!receipts) return json(403, { error: 'not this visitor, or not their key' });
    return json(200, receipts, { 'content-disposition': 'attachment; filename="consent-receipts.json"' });
  }

  return {
    async handle(request) {
      try {
        switch (request.method.toUpperCase()) {
          case 'POST':
            return await post(request);
          case 'GET':
            return await get(request);
          default:
            return json(405, { error: `method ${request.method} not allowed` }, { allow: ALLOW });
        }
      } catch (err) {
        return unavailable(err);
      }
    },
    allow: ALLOW,
  };
}

const ALLOW = 'GET, POST';

const KNOWN = ['store', 'cookie', 'retryAfterSeconds', 'log', 'now'];
const COOKIE_KNOWN = ['name', 'domain', 'path', 'sameSite', 'maxAgeDays', 'secure'];

/**
 * Throws a `TypeError` naming a bad option, as createServerReporter does: a server fails at start, not with a broken
 * `Set-Cookie` on every receipt. The cookie rules are the drop-in's own (src/config/parse.ts); an unknown key is a
 * typo that would otherwise leave a default in place unnoticed.
 */
function checkOptions(options: ReceiptHandlerOptions): ReceiptCookieOptions {
  const fail = (option: string, rule: string): never => {
    throw new TypeError(`consent-relay/server: option "${option}" ${rule}`);
  };
  if (!options || typeof options !== 'object') throw new TypeError('consent-relay/server: options must be an object');
  for (const key of Object.keys(options)) if (!KNOWN.includes(key)) fail(key, `is not one of ${KNOWN.join(', ')}`);
  if (!options.store || typeof options.store.saveReceipt !== 'function')
    fail('store', 'must be a store from createConsentStore()');
  const { retryAfterSeconds: retry, log, now } = options;
  if (retry !== undefined && !(Number.isInteger(retry) && retry >= 0))
    fail('retryAfterSeconds', 'must be an integer >= 0');
  if (log !== undefined && typeof log?.error !== 'function') fail('log', 'must have an error function');
  if (now !== undefined && typeof now !== 'function') fail('now', 'must be a function returning epoch milliseconds');
  const cookie = options.cookie;
  if (cookie === undefined) return {};
  if (typeof cookie !== 'object' || cookie === null) fail('cookie', 'must be an object');
  for (const key of Object.keys(cookie)) {
    if (!COOKIE_KNOWN.includes(key)) fail(`cookie.${key}`, `is not one of ${COOKIE_KNOWN.join(', ')}`);
  }
  const string = (value: unknown, pattern: RegExp) =>
    value === undefined || (typeof value === 'string' && pattern.test(value));
  if (!string(cookie.name, /^[\w!#$%&'*+.^`|~-]+$/)) fail('cookie.name', 'must be a cookie name');
  if (!string(cookie.domain, /^\.?[a-z0-9.-]+$/i)) fail('cookie.domain', 'must be a domain name');
  if (!string(cookie.path, /^\/[^\s;,\x00-\x1f\x7f]*$/)) fail('cookie.path', "must be a path starting with '/'");
  // Chrome caps cookie lifetimes at 400 days (RFC 6265bis §5.5); the drop-in refuses more too.
  const days = cookie.maxAgeDays;
  if (days !== undefined && !(typeof days === 'number' && days > 0 && days <= 400))
    fail('cookie.maxAgeDays', 'must be a number of days > 0, up to 400');
  // In any case, as the drop-in takes it: one cookie config can serve both halves.
  const sameSite = SAME_SITE[String(cookie.sameSite).toLowerCase()];
  if (cookie.sameSite !== undefined && !sameSite) fail('cookie.sameSite', "must be 'Lax', 'Strict' or 'None'");
  if (cookie.secure !== undefined && typeof cookie.secure !== 'boolean') fail('cookie.secure', 'must be a boolean');
  return cookie.sameSite === undefined ? cookie : { ...cookie, sameSite };
}

const SAME_SITE: Record<string, ReceiptCookieOptions['sameSite']> = { lax: 'Lax', strict: 'Strict', none: 'None' };

function bearer(request: Request): string | null {
  const m = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') || '');
  return m ? m[1] : null;
}

/** https, directly or behind a proxy that says so: the cookie then gets `Secure`, as the drop-in's does. */
function isHttps(request: Request): boolean {
  const proto = (request.headers.get('x-forwarded-proto') || '').split(',')[0].trim().toLowerCase();
  if (proto) return proto === 'https';
  try {
    return new URL(request.url).protocol === 'https:';
  } catch {
    return false;
  }
}

function json(status: number, body: unknown, extra: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...extra },
  });
}
