/**
 * Web Crypto for the server half: the global where the runtime has one (Node 19+, Deno, Bun, workers), else Node's
 * own `node:crypto` `webcrypto` — Node 18, which package.json "engines" allows, has no global `crypto` without
 * `--experimental-global-webcrypto`, and the visitors' keys, the store's secrets and the acknowledgement tokens need
 * real randomness and SHA-256 there too.
 */

/** A computed specifier: the server half's types do not depend on Node's, and bundlers leave it alone. */
const NODE_CRYPTO = 'node:crypto';

let nodeCrypto: Crypto | undefined;
let loading: Promise<Crypto | undefined> | undefined;

/** Web Crypto if it is at hand now: the global, or Node's once {@link webCrypto} has loaded it. */
export function webCryptoNow(): Crypto | undefined {
  const global = (globalThis as { crypto?: Crypto }).crypto;
  return global?.subtle ? global : nodeCrypto;
}

/** Web Crypto, loading Node's where there is no global; rejects in a runtime that has neither. */
export async function webCrypto(): Promise<Crypto> {
  const ready = webCryptoNow();
  if (ready) return ready;
  loading ??= import(/* @vite-ignore */ NODE_CRYPTO).then(
    (mod: { webcrypto?: Crypto }) => (nodeCrypto = mod.webcrypto),
    () => undefined,
  );
  const loaded = await loading;
  if (!loaded) throw new Error('consent-relay/server: this runtime has no Web Crypto (globalThis.crypto)');
  return loaded;
}
