import type { Regime } from '../jurisdiction/types';
import type { TelemetryOptions } from './options';

/**
 * Kibana's `telemetry.optIn` and `allowChangingOptInStatus`, fitted to the regime (pure):
 * - `optIn: false` makes the telemetry category default off everywhere;
 * - `optIn: true` cannot pre-tick it where the regime requires opt-in (CJEU Planet49: no pre-ticked boxes);
 * - the lock (`allowChangingOptInStatus: false`) may hold it off anywhere, and on only outside opt-in regimes.
 */
export function telemetryDefault(o: TelemetryOptions, regime: Regime): boolean | null {
  if (o.optIn === false) return false;
  if (o.optIn === true && regime !== 'opt-in') return true;
  return null;
}

export function telemetryLock(o: TelemetryOptions, regime: Regime): boolean | null {
  if (o.allowChangingOptInStatus) return null;
  if (o.optIn === false || !o.enabled) return false;
  return regime === 'opt-in' ? null : true;
}
