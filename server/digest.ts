import { webCrypto } from './web-crypto';

/**
 * What a log line says about a report it does not print: its size in bytes and its SHA-256, so an operator can match
 * it to what the vendor received (Web Crypto: server/web-crypto.ts); in a runtime without it the size alone.
 */
export async function describeBody(body: string): Promise<string> {
  const bytes = new TextEncoder().encode(body);
  try {
    const hash = new Uint8Array(await (await webCrypto()).subtle.digest('SHA-256', bytes));
    return `${bytes.byteLength} bytes, sha256 ${Array.from(hash, (b) => b.toString(16).padStart(2, '0')).join('')}`;
  } catch {
    return `${bytes.byteLength} bytes`;
  }
}
