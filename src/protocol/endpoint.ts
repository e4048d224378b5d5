/**
 * Where plain http never leaves the machine: a local collector, the demo, tests.
 * The URL parser has already normalised the host (`127.1` → `127.0.0.1`, `[0::1]` → `[::1]`).
 */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/** The endpoint as a URL when it is https, or http on a loopback host; null for anything else. */
export function parseEndpoint(value: unknown): URL | null {
  if (typeof value !== 'string' && !(value instanceof URL)) return null;
  let url: URL;
  try {
    url = new URL(String(value));
  } catch {
    return null;
  }
  if (url.protocol === 'https:') return url;
  return url.protocol === 'http:' && isLoopbackHost(url.hostname) ? url : null;
}

/** The endpoint as logs show it: credentials and query are dropped because they may hold an API key. */
export function displayEndpoint(url: URL): string {
  return url.origin + url.pathname;
}
