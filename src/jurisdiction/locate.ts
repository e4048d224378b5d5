import type { ResolvedConfig } from '../config/types';
import { resolveJurisdiction } from './resolve';
import type { Jurisdiction } from './types';

/** Until the region is known, the visitor is in the strictest regime (unknown = opt-in). */
export const UNKNOWN: Jurisdiction = { region: null, regime: 'opt-in', source: 'unknown', gpcRequired: false };

const timeZone = (): string | null => {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
  } catch {
    // A throwing Intl (old engines, odd polyfills) is simply "no time zone": the chain goes on.
    return null;
  }
};

export interface Locator {
  /** `config.region` when it is not 'auto' */
  configured: string | null;
  /** The jurisdiction from the geo answer (null: none) and what the browser tells; unknown under a config error. */
  resolve(geo: string | null): Jurisdiction;
}

/** Where the visitor is (docs/SPEC.md §3), given the geo answer if one was asked for. */
export function createLocator(config: ResolvedConfig, nav: Navigator, strict: boolean): Locator {
  const configured = config.region !== 'auto' ? config.region : null;
  return {
    configured,
    resolve: (geo) =>
      strict
        ? UNKNOWN
        : resolveJurisdiction({
            configured,
            geo,
            // Only when it can matter (no region yet, or Canada without a province): the first Intl.DateTimeFormat
            // of a page costs ~10 ms of ICU set-up, a third of our start-up.
            timeZone: configured || (geo && geo !== 'CA') ? null : timeZone(),
            languages: nav.languages || [],
            overrides: config.regimes,
          }),
  };
}
