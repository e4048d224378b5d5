import type { LoadReporter } from './telemetry/api';
import type { PanelModule } from './ui/panel';

/** How the parts beside the core are loaded: files beside the drop-in, chunks of a bundle, or already inside. */
export interface Parts {
  panel: () => Promise<PanelModule>;
  reporter: LoadReporter;
}

/** The browser parts a relay instance uses; handed in, so nothing below the entries reaches for globals. */
export interface Env {
  win: Window;
  doc: Document;
  nav: Navigator;
  fetch: typeof fetch;
  idb: IDBFactory | undefined;
  now: () => number;
  /**
   * where the script was loaded from: the panel, the reporter and the language packs (`<assetBase>i18n/<lang>.json`)
   * are fetched beside it; config `assetBase` overrides it
   */
  assetBase?: string | null;
  /** the loaders of the panel and the reporter, given the asset base in use */
  parts?: (assetBase: string | null) => Parts;
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
