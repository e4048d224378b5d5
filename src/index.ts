export { createConsentRelay } from './bundler';
export type { ConsentRelay, ConsentRelayEvents, ConsentState } from './create';
export type { ConsentRelayConfig, CategoryConfig, CookieConfig } from './config/types';
export type { Regime, RegionSource, Jurisdiction } from './jurisdiction/types';
export type { Env } from './env';
