import { describe, expect, it } from 'vitest';
import { REGIME_TABLE, regimeFor } from './regimes';
import { ELSEWHERE } from './timezones';
import type { Regime } from './types';

// docs/jurisdictions.md, "Product defaults": one entry per row, with every code the row lists.
const FACTS: readonly [row: string, codes: string, regime: Regime, gpcRequired: boolean][] = [
  [
    'EU-27 + EEA',
    'AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE IS LI NO',
    'opt-in',
    false,
  ],
  ['EU territories with their own codes', 'AX GF GP MQ RE YT MF', 'opt-in', false],
  ['GB', 'GB', 'opt-in', false],
  ['GG JE IM GI', 'GG JE IM GI', 'opt-in', false],
  ['CH', 'CH', 'opt-in', false],
  ['TR', 'TR', 'opt-in', false],
  ['BR', 'BR', 'opt-in', false],
  ['CA-QC', 'CA-QC', 'opt-in', false],
  ['CN', 'CN', 'opt-in', false],
  ['IL', 'IL', 'opt-in', false],
  ['US-CA', 'US-CA', 'opt-out', true],
  ['US states with a GPC duty', 'US-CO US-CT US-TX US-MT US-OR US-DE US-NE US-NH US-NJ US-MN US-MD', 'opt-out', true],
  ['US states without a GPC duty', 'US-VA US-UT US-TN US-IN US-KY US-RI US-IA US-FL', 'opt-out', false],
  ['US, state unknown', 'US', 'opt-out', true],
  [
    'other US states (known)',
    'US-AL US-AK US-AZ US-AR US-GA US-HI US-ID US-IL US-KS US-LA US-ME US-MA US-MI US-MS US-MO US-NV US-NM US-NY ' +
      'US-NC US-ND US-OH US-OK US-PA US-SC US-SD US-VT US-WA US-WV US-WI US-WY US-DC',
    'notice',
    false,
  ],
  ['CA (rest of Canada)', 'CA CA-ON CA-BC CA-AB CA-NS CA-NU', 'opt-out', false],
  ['JP', 'JP', 'notice', false],
  ['KR', 'KR', 'notice', false],
  ['IN', 'IN', 'notice', false],
  ['AU SG ZA', 'AU SG ZA', 'notice', false],
  ['not EU: GL FO BL PF NC PM WF AW; SJ outside the EEA', 'GL FO BL PF NC PM WF AW SJ', 'notice', false],
  ['everything else', `RU UA MX AR NZ EG NG HK TW XK PR GU VI AS MP UM US-PR US-GU ${ELSEWHERE}`, 'notice', false],
];

describe('regimeFor: every row of the facts table', () => {
  for (const [row, codes, regime, gpcRequired] of FACTS) {
    it.each(codes.split(' '))(`${row}: %s`, (code) => {
      expect(regimeFor(code)).toEqual({ regime, gpcRequired });
    });
  }

  it('unknown (null) fails closed: opt-in', () => {
    expect(regimeFor(null)).toEqual({ regime: 'opt-in', gpcRequired: false });
  });

  it('lists all 50 US states and DC somewhere, so only a truly unknown state takes the strict US row', () => {
    const states =
      'AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK ' +
      'OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC';
    const listed = new Set(REGIME_TABLE.flatMap(([, , codes]) => codes.split(' ')));
    expect(states.split(' ').filter((s) => !listed.has('US-' + s))).toEqual([]);
    expect(regimeFor('US-XQ')).toEqual({ regime: 'opt-out', gpcRequired: true });
  });

  it('lists no code twice (a later row would silently win)', () => {
    const codes = REGIME_TABLE.flatMap(([, , c]) => c.split(' '));
    expect(codes.filter((c, i) => codes.indexOf(c) !== i)).toEqual([]);
  });

  it('a subdivision takes its country row: DE-BY, FR-75C, GB-ENG', () => {
    expect(regimeFor('DE-BY').regime).toBe('opt-in');
    expect(regimeFor('FR-75C').regime).toBe('opt-in');
    expect(regimeFor('GB-ENG').regime).toBe('opt-in');
    expect(regimeFor('JP-13').regime).toBe('notice');
  });

  it('takes lower case', () => {
    expect(regimeFor('us-ca')).toEqual({ regime: 'opt-out', gpcRequired: true });
    expect(regimeFor('ca-qc').regime).toBe('opt-in');
  });
});

describe('regimeFor: site overrides (config `regimes`)', () => {
  it.each<[string, Record<string, Regime>, Regime]>([
    ['JP', { JP: 'opt-in' }, 'opt-in'],
    ['US-WA', { 'US-WA': 'opt-out' }, 'opt-out'],
    ['US-OR', { 'US-WA': 'notice' }, 'opt-out'],
    ['US-CA', { US: 'opt-in' }, 'opt-in'], // country override beats the table's region row
    ['US-CA', { US: 'notice', 'US-CA': 'opt-in' }, 'opt-in'], // region override beats country override
    ['US-NY', { US: 'opt-in' }, 'opt-in'],
    ['CA-QC', { CA: 'opt-out' }, 'opt-out'],
    ['CA-ON', { 'CA-QC': 'notice' }, 'opt-out'],
    ['DE', { de: 'notice' }, 'notice'], // keys are case-insensitive
    ['GB', { 'gb-eng': 'notice' }, 'opt-in'], // a subdivision override does not touch its country
    ['DE', { DE: 'maybe' as Regime }, 'opt-in'], // not a regime: ignored
    ['ZZ', { JP: 'opt-in' }, 'notice'],
  ])('%s with %j -> %s', (region, overrides, regime) => {
    expect(regimeFor(region, overrides).regime).toBe(regime);
  });

  it('keeps gpcRequired a fact about the place', () => {
    expect(regimeFor('US-CA', { US: 'opt-in' })).toEqual({ regime: 'opt-in', gpcRequired: true });
    expect(regimeFor('US-WA', { 'US-WA': 'opt-out' })).toEqual({ regime: 'opt-out', gpcRequired: false });
  });

  it('cannot loosen unknown', () => {
    expect(regimeFor(null, { US: 'notice', DE: 'notice' })).toEqual({ regime: 'opt-in', gpcRequired: false });
  });
});
