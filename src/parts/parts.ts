import type { Parts } from '../env';
import { partLoader } from './load';

/**
 * The drop-in's parts: files beside it (docs/SPEC.md §1), loaded as classic scripts. The standalone build replaces
 * this module with `./inside` (vite.config.ts), where both parts are in the one file.
 */
export const PARTS =
  (nonce?: string) =>
  (base: string | null): Parts => {
    const at = (file: string) => (base ? new URL(file, base).href : null);
    return {
      panel: partLoader(document, 'panel', at('consent-relay.panel.js'), nonce),
      reporter: partLoader(document, 'reporter', at('consent-relay.reporter.js'), nonce),
    };
  };
