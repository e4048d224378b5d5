import type { Parts } from '../env';
import { logError } from '../lib/log';

const logged = <T>(what: string, p: Promise<T>) =>
  p.catch((e: Error) => {
    logError(`the ${what} could not be loaded (${e && e.message}); the banner works on, the next need retries`);
    throw e;
  });

/**
 * The parts of bundler users' builds and of `consent-relay.standalone.js`: dynamic imports, a lazy chunk each for a
 * bundler (fetched by the bundle's own loader, from where the bundle lives), inlined into the standalone file.
 */
export const PARTS =
  (_nonce?: string) =>
  (_base: string | null): Parts => ({
    panel: () => logged('preferences panel chunk', import('../ui/panel')),
    reporter: () => logged('telemetry reporter chunk', import('../telemetry/reporter')),
  });
