import type { FetchLike } from '../src/protocol/fetch';
import type { Env } from './opt-out';

/** The variables undici's `EnvHttpProxyAgent` reads (lower case wins, as in curl); `NO_PROXY` excludes hosts. */
const PROXY_VARS = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'];

/**
 * The reporter's default fetch. Node's global fetch ignores `HTTPS_PROXY` (before Node 24, and there only with
 * `NODE_USE_ENV_PROXY`), and the firewalled installs this fallback exists for are often the ones behind a proxy. So
 * in Node, when a proxy variable is set, the report goes through undici's `EnvHttpProxyAgent`, the library made for
 * exactly this; undici is an optional dependency loaded only then, so Deno, Bun (whose fetch honours the variables
 * itself), workers and bundlers never load it. Without a proxy variable this is the global fetch.
 */
export function createDefaultFetch(env: () => Env, log: { info(m: string): void; error(m: string): void }): FetchLike {
  let proxied: Promise<FetchLike | null> | undefined;
  return async (url, init) => {
    const vars = env();
    const proxy = PROXY_VARS.find((name) => vars[name]);
    if (proxy && isNode()) {
      proxied ??= loadProxyFetch(vars).then(
        (fetchFn) => {
          log.info(
            `consent-relay/server: reports go through the proxy in ${proxy} (${safeProxy(vars[proxy]!)}), NO_PROXY honoured`,
          );
          return fetchFn;
        },
        (err: unknown) => {
          log.error(
            `consent-relay/server: ${proxy} is set but undici could not be loaded (${(err as Error)?.message ?? err}); ` +
              'reports go out directly. Install it with `npm install undici`, or pass a proxy-aware fetch option.',
          );
          return null;
        },
      );
      const fetchFn = await proxied;
      if (fetchFn) return fetchFn(url, init);
    }
    return fetch(url, init);
  };
}

async function loadProxyFetch(vars: Env): Promise<FetchLike> {
  const undici = await import('undici');
  const dispatcher = new undici.EnvHttpProxyAgent({
    httpProxy: vars.http_proxy ?? vars.HTTP_PROXY,
    httpsProxy: vars.https_proxy ?? vars.HTTPS_PROXY,
    noProxy: vars.no_proxy ?? vars.NO_PROXY,
  });
  return (url, init) => undici.fetch(url, { ...init, dispatcher });
}

/** Node itself: Bun and Deno also define `process.versions.node`, and their fetch honours the proxy variables. */
function isNode(): boolean {
  const g = globalThis as { process?: { versions?: Record<string, string | undefined> }; Deno?: unknown };
  const versions = g.process?.versions;
  return typeof versions?.node === 'string' && !versions.bun && g.Deno === undefined;
}

/** The proxy as the log shows it: a `user:password@` part is dropped. */
function safeProxy(value: string): string {
  try {
    const url = new URL(value);
    return `${url.protocol}//${url.host}`;
  } catch {
    return 'unparsable URL';
  }
}
