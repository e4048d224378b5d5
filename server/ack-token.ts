/**
 * Short-lived tokens that the status GET hands out and a browser's acknowledgement echoes: proof that whoever says
 * "a browser reported this period" has read the status through the application's own authentication, not just
 * guessed the URL. Kept in memory, so a token is known to the process that issued it (docs/SPEC.md §7 threat model in
 * the README).
 */

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

/** 128 random bits as hex, from Web Crypto (global in Node 19+, Deno, Bun, workers). */
function randomToken(): string {
  const bytes = new Uint8Array(16);
  const crypto = (globalThis as { crypto?: Crypto }).crypto;
  if (crypto?.getRandomValues) crypto.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Compares in time independent of where the strings differ, so a token cannot be guessed byte by byte. */
function sameString(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i % (b.length || 1));
  return diff === 0;
}
