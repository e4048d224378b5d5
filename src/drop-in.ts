import { createConsentRelay, type ConsentRelay } from './create';
import { browserEnv } from './env';
import { isObj } from './config/parse';
import type { ConsentRelayConfig } from './config/types';
import { logError } from './lib/log';
import { PARTS } from './parts/parts';

/*
 * The <script> entry: read the page's config once, start one instance, publish it as window.ConsentRelay.
 * Loaded twice (async, defer, a tag manager adding it again), the second copy finds the first and does nothing.
 */

declare global {
  interface Window {
    ConsentRelay?: ConsentRelay;
    ConsentRelayConfig?: ConsentRelayConfig;
  }
}

/**
 * `over` on top of `base`, key by key and into nested objects (`cookie`, `telemetry`, `translations.fr`), so the
 * window config can change one cookie attribute of the block's; arrays (`categories`) replace whole; a key set to
 * undefined changes nothing.
 */
function merge(base: Record<string, any>, over: Record<string, any>): Record<string, any> {
  const out = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined) continue;
    const b = out[k];
    out[k] = isObj(v) && isObj(b) ? merge(b, v) : v;
  }
  return out;
}

function readConfig(): unknown {
  const fromWindow = window.ConsentRelayConfig;
  const el = document.getElementById('consent-relay-config');
  let fromJson: unknown;
  if (el && el.textContent && el.textContent.trim()) {
    try {
      fromJson = JSON.parse(el.textContent);
    } catch (e) {
      logError(`#consent-relay-config is not valid JSON (${(e as Error).message}); using the strictest defaults`);
      // Handing the text on makes it a config error too: the strict fallback, not a lenient default.
      if (fromWindow === undefined) return el.textContent;
    }
  }
  // window.ConsentRelayConfig wins where both exist (docs/SPEC.md §1): key by key, so a site-wide JSON block and a page's own
  // window config combine. Either one not an object: the window's wins whole, and a bad one is reported by the
  // config check.
  if (isObj(fromWindow) && isObj(fromJson)) return merge(fromJson, fromWindow);
  return fromWindow !== undefined ? fromWindow : fromJson;
}

const w = window;
/**
 * Another copy got here first when the property is there: its instance, or its not-yet-started accessor (a second
 * copy evaluated in the same task, before the first one's microtask). Read without calling the accessor, which
 * would start the first copy from here. Undefined (a start that threw) lets this copy try.
 */
const taken = Object.getOwnPropertyDescriptor(w, 'ConsentRelay');

if (!(taken && (taken.get || taken.value))) {
  // currentScript is only set while this file first runs (classic scripts, async and defer included).
  const me = document.currentScript as HTMLScriptElement | null;
  const base = me?.src ? new URL('.', me.src).href : null;
  // A page whose CSP allows this script by nonce allows the files beside it with the same nonce.
  const nonce = me?.nonce || undefined;
  const config = readConfig() as ConsentRelayConfig;
  let instance: ConsentRelay | undefined;
  let creating = false;
  const publish = (value: ConsentRelay | undefined) =>
    Object.defineProperty(w, 'ConsentRelay', { value, writable: true, configurable: true, enumerable: true });
  const start = (): ConsentRelay | undefined => {
    // Asked for while being created (a gated script run by the start itself): not there yet, as with a plain start.
    if (instance || creating) return instance;
    creating = true;
    try {
      instance = createConsentRelay(config, {
        ...browserEnv(),
        assetBase: base,
        parts: PARTS(nonce),
      });
    } finally {
      creating = false;
      publish(instance);
    }
    return instance;
  };
  /**
   * Started in a microtask: still in this script's task, before any other script of the page runs and before the
   * next frame (the checkpoint right after a script runs), so the banner is there as if started inline. But the
   * stack is shallow: Chromium records where the first `document.cookie` read comes from, and from the top level of
   * this file that meant re-parsing the whole file for source positions, ~4 ms on every page (README "Measured").
   * `window.ConsentRelay` is there at once all the same: code that asks for it before the microtask (concatenated
   * after this file by a script combiner, or run in the same task) starts it on the spot.
   */
  Object.defineProperty(w, 'ConsentRelay', { get: start, set: publish, configurable: true, enumerable: true });
  queueMicrotask(start);
}
