/**
 * What a log line says about a report it does not print: its size in bytes and its SHA-256, so an operator can match
 * it to what the vendor received. Web Crypto is global in Node 19+, Deno, Bun and workers; without it the size alone.
 */
export async function describeBody(body: string): Promise<string> {
  const bytes = new TextEncoder().encode(body);
  const subtle = (globalThis as { crypto?: Crypto }).crypto?.subtle;
  if (!subtle) return `${bytes.byteLength} bytes`;
  try {
    const hash = new Uint8Array(await subtle.digest('SHA-256', bytes));
    return `${bytes.byteLength} bytes, sha256 ${Array.from(hash, (b) => b.toString(16).padStart(2, '0')).join('')}`;
  } catch {
    return `${bytes.byteLength} bytes`;
  }
}
