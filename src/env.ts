import type { LoadReporter } from './telemetry/api';

/** The browser parts a relay instance uses; handed in, so nothing below the entries reaches for globals. */
export interface Env {
  win: Window;
  doc: Document;
  nav: Navigator;
  fetch: typeof fetch;
  idb: IDBFactory | undefined;
  now: () => number;
  /** where the script was loaded from: language packs are fetched beside it (`<assetBase>i18n/<lang>.json`) */
  assetBase?: string | null;
  /** how the telemetry reporter's code is loaded (a file beside the drop-in; a chunk for bundlers) */
  loadReporter?: LoadReporter;
}

export function browserEnv(): Env {
  let idb: IDBFactory | undefined;
  try {
    // An opaque origin (a frame sandboxed without allow-same-origin, a data: URL) has no storage (HTML standard,
    // "origin"): IndexedDB is absent there. Chromium's open() throws SecurityError, and its databases() also leaves an
    // unhandled rejection of its own in the page even when the caller handles the one it returns: not called at all.
    if (window.origin !== 'null') idb = window.indexedDB;
  } catch {
    // Firefox throws on access to indexedDB in some privacy modes.
  }
  return { win: window, doc: document, nav: navigator, fetch: (...a) => fetch(...a), idb, now: () => Date.now() };
}
