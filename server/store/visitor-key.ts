import { webCrypto } from '../web-crypto';

/** The visitor's key: 256 random bits, base64url. Made by the server at the visitor's first receipt. */
export async function newKey(): Promise<string> {
  const bytes = (await webCrypto()).getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/**
 * What the store keeps of a key: its SHA-256, hex. A stolen table of hashes authorises nothing; comparing hashes
 * (not keys) also leaves timing nothing to learn about the key.
 */
export async function hashKey(key: string): Promise<string> {
  const digest = await (await webCrypto()).subtle.digest('SHA-256', new TextEncoder().encode(key));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
