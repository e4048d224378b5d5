import { logError } from '../lib/log';

/** The files beside the drop-in register themselves here when they run (one global, named for us). */
export type PartRegistry = Record<string, unknown>;
declare global {
  interface Window {
    ConsentRelayParts?: PartRegistry;
  }
}

/** Called by a part's own file as it runs: `consent-relay.panel.js` registers 'panel'. */
export function registerPart(name: string, mod: unknown): void {
  (window.ConsentRelayParts ||= {})[name] = mod;
}

/**
 * Load a file beside the drop-in once, as a classic `<script>`: same CSP rules as the drop-in itself (`script-src`
 * allowing it allows its neighbours; a nonce is copied), no CORS needed from a CDN (module scripts would need it).
 * A result for every caller of the same need; a failure (404, offline, blocked) is one `console.error` naming the
 * URL, and the next call tries again. Nothing stored is touched either way.
 */
export function partLoader<T>(doc: Document, name: string, url: string | null, nonce?: string): () => Promise<T> {
  let pending: Promise<T> | null = null;
  const registered = () => doc.defaultView?.ConsentRelayParts?.[name] as T | undefined;
  const load = () =>
    new Promise<T>((resolve, reject) => {
      const have = registered();
      if (have) return resolve(have);
      if (!url) return reject(new Error('no URL: the drop-in was not loaded from a <script src>; set assetBase'));
      const s = doc.createElement('script');
      s.src = url;
      s.async = true;
      if (nonce) s.nonce = nonce;
      const done = (ok: boolean) => {
        s.remove();
        const mod = registered();
        if (ok && mod) resolve(mod);
        else reject(new Error(ok ? 'it ran but did not register (not a consent-relay file?)' : 'failed to load'));
      };
      s.onload = () => done(true);
      s.onerror = () => done(false);
      (doc.head || doc.documentElement).appendChild(s);
    });
  return () =>
    (pending ||= load().catch((e: Error) => {
      pending = null;
      logError(
        `${url || `the ${name} file`} could not be loaded (${e.message}); the banner works on, the next need retries`,
      );
      throw e;
    }));
}
