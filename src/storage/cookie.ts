import type { CookieConfig } from '../config/types';

export interface CookieStore {
  /** Synchronous: this is what lets hasConsent() answer on the first line of a page. */
  read(): string | undefined;
  write(value: string, maxAgeDays: number): boolean;
  remove(): void;
}

/** js-cookie 3's default write converter (server/receipts-cookie.ts writes the same): JSON stays readable. */
const encode = (value: string) =>
  encodeURIComponent(value).replace(/%(2[346BF]|3[AC-F]|40|5[BDE]|60|7[BCD])/g, decodeURIComponent);
/** js-cookie 3's default read converter: any cookie writer's percent-encoding, quotes removed. */
const decode = (value: string) =>
  (value[0] === '"' ? value.slice(1, -1) : value).replace(/(%[\dA-F]{2})+/gi, decodeURIComponent);

/**
 * The consent cookie, with our attributes only (never a host page's defaults): `Secure` on https, `Domain` only
 * when configured. Written and read as js-cookie 3 does (the name, the value's encoding, the attributes), in the
 * few lines the one cookie needs. Blocked cookies (sandboxed frames, settings) read as none.
 */
export function createCookieStore(cfg: CookieConfig, secure: boolean): CookieStore {
  const name = encodeURIComponent(cfg.name).replace(/%(2[346B]|5E|60|7C)/g, decodeURIComponent);
  const attributes =
    `; path=${cfg.path}; sameSite=${cfg.sameSite}` +
    (secure || cfg.sameSite === 'None' ? '; secure' : '') +
    (cfg.domain ? `; domain=${cfg.domain}` : '');
  const set = (value: string, days: number) =>
    (document.cookie = `${name}=${encode(value)}${attributes}; expires=${new Date(Date.now() + days * 864e5).toUTCString()}`);
  const read = () => {
    try {
      for (const pair of document.cookie ? document.cookie.split('; ') : []) {
        const [key, ...value] = pair.split('=');
        try {
          if (decodeURIComponent(key) === cfg.name) return decode(value.join('='));
        } catch {
          // A cookie of the page's whose name or value is not valid percent-encoding is skipped, as js-cookie does.
        }
      }
    } catch {
      // document.cookie throws in sandboxed iframes without allow-same-origin.
    }
    return undefined;
  };
  return {
    read,
    write(value, maxAgeDays) {
      try {
        set(value, maxAgeDays);
        return read() === value;
      } catch {
        return false;
      }
    },
    remove() {
      try {
        set('', -1);
      } catch {
        /* nothing to remove where cookies are unreadable */
      }
    },
  };
}
