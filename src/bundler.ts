import type { ConsentRelayConfig } from './config/types';
import { createConsentRelay as create, type ConsentRelay } from './create';
import { browserEnv, type Env } from './env';

/**
 * Create one consent-relay instance (bundler users). The same factory the drop-in starts, with the telemetry
 * reporter as a lazily imported chunk of your bundle.
 */
export function createConsentRelay(config?: ConsentRelayConfig, env?: Partial<Env>): ConsentRelay {
  return create(config, { ...browserEnv(), loadReporter: () => import('./telemetry/reporter'), ...env });
}
