import type { ConsentRelayConfig } from './config/types';
import { createConsentRelay as create, type ConsentRelay } from './create';
import { browserEnv, type Env } from './env';
import { PARTS } from './parts/inside';

/**
 * Create one consent-relay instance (bundler users). The same factory the drop-in starts, with the preferences panel
 * and the telemetry reporter as lazily imported chunks of your bundle.
 */
export function createConsentRelay(config?: ConsentRelayConfig, env?: Partial<Env>): ConsentRelay {
  return create(config, { ...browserEnv(), parts: PARTS(), ...env });
}
