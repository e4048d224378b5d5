import Cookies from 'js-cookie';
import type { CookieConfig } from '../config/types';

export interface CookieStore {
  /** Synchronous: this is what lets hasConsent() answer on the first line of a page. */
  read(): string | undefined;
  write(value: string, maxAgeDays: number): boolean;
  remove(): void;
}

/**
 * One js-cookie instance scoped to our attributes, never the host page's defaults.
 * `Secure` on https; `Domain` only when configured. Blocked cookies (sandboxed frames, settings) read as none.
 */
export function createCookieStore(cfg: CookieConfig, secure: boolean): CookieStore {
  const base = {
    path: cfg.path,
    sameSite: cfg.sameSite,
    secure: secure || cfg.sameSite === 'None',
    domain: cfg.domain,
  };
  const jar = Cookies.withAttributes(base);
  return {
    read() {
      try {
        return jar.get(cfg.name);
      } catch {
        // document.cookie throws in sandboxed iframes without allow-same-origin.
        return undefined;
      }
    },
    write(value, maxAgeDays) {
      try {
        jar.set(cfg.name, value, { expires: maxAgeDays });
        return jar.get(cfg.name) === value;
      } catch {
        return false;
      }
    },
    remove() {
      try {
        jar.remove(cfg.name);
      } catch {
        /* nothing to remove where cookies are unreadable */
      }
    },
  };
}
