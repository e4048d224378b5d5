/**
 * Short-lived tokens that the status GET hands out and a browser's acknowledgement echoes: proof that whoever says
 * "a browser reported this period" has read the status through the application's own authentication, not just
 * guessed the URL. Without a store they are kept in memory, known to the process that issued it; with a store every
 * replica issues and accepts the same ones (createSharedAckTokens), so a browser's POST to any replica is verified
 * (docs/SPEC.md §7; the threat model in the README).
 */

import { webCrypto, webCryptoNow } from './web-crypto';

/** The response header of GET and HEAD that carries the token. */
export const ACK_TOKEN_HEADER = 'consent-relay-ack-token';

/** A token is accepted this long at most, and at least half of it: tokens rotate every half. */
export const ACK_TOKEN_TTL_MS = 60 * 60_000;

export interface AckTokens {
  /** The current token, rotated once it is half its lifetime old. */
  issue(): string;
  /** True for a token this process issued less than {@link ACK_TOKEN_TTL_MS} ago. */
  verify(token: unknown): boolean;
}

export function createAckTokens(now: () => number): AckTokens {
  let current: { value: string; at: number } | null = null;
  let previous: { value: string; at: number } | null = null;
  return {
    issue() {
      const t = now();
      if (!current || t - current.at >= ACK_TOKEN_TTL_MS / 2) {
        previous = current;
        current = { value: randomToken(), at: t };
      }
      return current.value;
    },
    verify(token) {
      if (typeof token !== 'string') return false;
      const t = now();
      return [current, previous].some((c) => c !== null && t - c.at < ACK_TOKEN_TTL_MS && sameString(c.value, token));
    },
  };
}

/** The tokens of replicas sharing a store: {@link AckTokens}, and `prepare()` before a request is handled. */
export interface SharedAckTokens extends AckTokens {
  /**
   * Reads the shared secret (once) and signs the current and the previous time window (once each), so that issue()
   * and verify() answer synchronously. False when that failed (no Web Crypto, the store unreachable): then the
   * caller uses its own process's tokens.
   */
  prepare(): Promise<boolean>;
}

/**
 * Tokens every replica on one store hands out and accepts alike: the time window (half a token's lifetime) and an
 * HMAC-SHA-256 of it under a secret kept in the store. Replicas need no other coordination: in the same window they
 * issue the same token, and each accepts this window's and the previous one's (so, like the per-process tokens, a
 * token is good for at least half and at most all of ACK_TOKEN_TTL_MS). Web Crypto (server/web-crypto.ts).
 */
export function createSharedAckTokens(now: () => number, secret: () => Promise<string>): SharedAckTokens {
  const half = ACK_TOKEN_TTL_MS / 2;
  const windowOf = () => Math.floor(now() / half);
  let key: Promise<CryptoKey> | null = null;
  const signed = new Map<number, string>();
  const importKey = async () => {
    const { subtle } = await webCrypto();
    return subtle.importKey('raw', new TextEncoder().encode(await secret()), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
    ]);
  };
  const sign = async (w: number) => {
    const k = await (key ??= importKey().catch((err) => {
      key = null;
      throw err;
    }));
    const mac = await (await webCrypto()).subtle.sign('HMAC', k, new TextEncoder().encode(`consent-relay ack ${w}`));
    return `${w.toString(36)}.${Array.from(new Uint8Array(mac), (b) => b.toString(16).padStart(2, '0')).join('')}`;
  };
  return {
    async prepare() {
      const w = windowOf();
      try {
        for (const x of [w, w - 1]) if (!signed.has(x)) signed.set(x, await sign(x));
      } catch {
        return false;
      }
      for (const x of signed.keys()) if (x < w - 1) signed.delete(x);
      return true;
    },
    issue() {
      const token = signed.get(windowOf());
      if (!token) throw new Error('shared ack tokens used before prepare()');
      return token;
    },
    verify(token) {
      if (typeof token !== 'string') return false;
      const w = windowOf();
      return [w, w - 1].some((x) => {
        const known = signed.get(x);
        return known !== undefined && sameString(known, token);
      });
    },
  };
}

/**
 * 128 random bits as hex, from Web Crypto (server/web-crypto.ts: the reporter loads Node 18's before its endpoint
 * answers); Math.random only in a runtime that has none at all.
 */
function randomToken(): string {
  const bytes = new Uint8Array(16);
  const crypto = webCryptoNow();
  if (crypto) crypto.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Compares in time independent of where the strings differ, so a token cannot be guessed byte by byte. */
function sameString(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i % (b.length || 1));
  return diff === 0;
}
