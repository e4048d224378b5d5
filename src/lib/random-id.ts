const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * A random, non-identifying id: 128 bits of randomness, nothing from the clock or the device.
 * Not crypto.randomUUID(): it exists only in secure contexts, and self-managed installs are often plain http.
 */
export function randomId(): string {
  let s = '';
  for (const b of crypto.getRandomValues(new Uint8Array(22))) s += ALPHABET[b & 63];
  return s;
}
