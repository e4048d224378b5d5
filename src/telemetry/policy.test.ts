import { describe, expect, it } from 'vitest';
import type { Regime } from '../jurisdiction/types';
import { parseTelemetryOptions, type TelemetryOptions } from './options';
import { telemetryDefault, telemetryLock } from './policy';

const opts = (over: Partial<TelemetryOptions>): TelemetryOptions => ({
  ...parseTelemetryOptions({ endpoint: 'https://t.example/v1' }, 'https://app.example/').options,
  ...over,
});
const REGIMES: Regime[] = ['opt-in', 'opt-out', 'notice'];
/** expected values in REGIMES order */
type Row = [string, Partial<TelemetryOptions>, [boolean | null, boolean | null, boolean | null]];

describe('telemetryDefault (Kibana telemetry.optIn, fitted to the regime)', () => {
  it.each<Row>([
    ['optIn unset: the regime decides', {}, [null, null, null]],
    ['optIn false: off everywhere', { optIn: false }, [false, false, false]],
    // CJEU Planet49: no pre-ticked box where consent must be given.
    ['optIn true: on, except where the regime requires opt-in', { optIn: true }, [null, true, true]],
    ['the lock does not change the default', { optIn: true, allowChangingOptInStatus: false }, [null, true, true]],
  ])('%s', (_, over, want) => {
    expect(REGIMES.map((r) => telemetryDefault(opts(over), r))).toEqual(want);
  });
});

describe('telemetryLock (Kibana allowChangingOptInStatus)', () => {
  it.each<Row>([
    ['changing allowed: never locked', { allowChangingOptInStatus: true }, [null, null, null]],
    ['changing allowed, optIn false: default off, not locked', { optIn: false }, [null, null, null]],
    ['changing allowed, optIn true: not locked', { optIn: true }, [null, null, null]],
    [
      'locked with optIn false: held off everywhere',
      { allowChangingOptInStatus: false, optIn: false },
      [false, false, false],
    ],
    [
      'locked with optIn true: held on only outside opt-in',
      { allowChangingOptInStatus: false, optIn: true },
      [null, true, true],
    ],
    ['locked with optIn unset: held on only outside opt-in', { allowChangingOptInStatus: false }, [null, true, true]],
    [
      'locked and disabled by the operator: held off everywhere',
      { allowChangingOptInStatus: false, optIn: true, enabled: false },
      [false, false, false],
    ],
  ])('%s', (_, over, want) => {
    expect(REGIMES.map((r) => telemetryLock(opts(over), r))).toEqual(want);
  });

  it('never holds telemetry on in an opt-in regime, whatever the options', () => {
    for (const optIn of [true, false, null])
      for (const enabled of [true, false])
        for (const allowChangingOptInStatus of [true, false])
          expect(telemetryLock(opts({ optIn, enabled, allowChangingOptInStatus }), 'opt-in')).not.toBe(true);
  });
});
