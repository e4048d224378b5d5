import type { Regime, RegimeOverrides } from './types';

/**
 * The regime table, as data. Source: docs/jurisdictions.md, "Product defaults"; the letter after each law
 * is that row's confidence there: P primary source, S secondary, D disputed (D rows take the stricter reading).
 *
 * Row: `[regime, GPC legally required (1) or not (0), codes]`, one row per pair (the minifier joins its strings);
 * each group of the facts is a line of codes under its law. A code is a country (`DE`) or a subdivision
 * (`US-CA`). A subdivision without a row takes its country's row (`CA-ON` -> `CA`, and an unlisted `US-XY` -> the
 * strict "state unknown" `US` row); a country without a row is `notice` ("everything else" in the facts). Sites
 * change a row with the `regimes` config key (`RegimeOverrides`), never by editing this file.
 */
export const REGIME_TABLE: readonly (readonly [Regime, 0 | 1, string])[] = [
  [
    'opt-in',
    0,
    // EU-27 + EEA: ePrivacy Directive 2002/58 Art 5(3) + GDPR Art 7; CJEU Planet49 C-673/17; EDPB cookie banner
    // taskforce report 2023. P/S
    'AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE IS LI NO ' +
      // EU territories with their own ISO codes (geo headers return these, not FR/FI): as EU. S
      'AX GF GP MQ RE YT MF ' +
      // UK GDPR + PECR as amended by the Data (Use and Access) Act 2025 (first-party analytics may be exempted per
      // site). S
      'GB ' +
      // Guernsey, Jersey, Isle of Man, Gibraltar: own GDPR-equivalent laws. D
      'GG JE IM GI ' +
      // Switzerland: Telecommunications Act Art 45c + revised FADP; FDPIC guidance Jan 2025 expects equal
      // accept/refuse. D
      'CH ' +
      // Turkey: KVKK cookie guide. S
      'TR ' +
      // Brazil: LGPD + ANPD cookie guide (2022). S
      'BR ' +
      // Quebec: Law 25 (ss. 8.1, 9.1), in force 22 Sep 2023; tracking off by default. P/S
      'CA-QC ' +
      // China: PIPL. S
      'CN ' +
      // Israel: Privacy Protection Law Amendment 13 (Aug 2025); regulator guidance, not statute. S
      'IL',
  ],
  [
    'opt-out',
    1,
    // California: CCPA/CPRA, 11 CCR 7025-7026; opt-out preference signals must be honoured. P
    'US-CA ' +
      // State comprehensive privacy acts (2023-2026) with a universal opt-out signal duty. S/D (MN date, TX: D)
      'US-CO US-CT US-TX US-MT US-OR US-DE US-NE US-NH US-NJ US-MN US-MD ' +
      // US, state unknown (a time zone cannot tell CA from WA): the strictest US reading, GPC treated as
      // required. —
      'US',
  ],
  [
    'opt-out',
    0,
    // State comprehensive privacy acts without a signal duty (IA sale only; FL very large companies only). S
    'US-VA US-UT US-TN US-IN US-KY US-RI US-IA US-FL ' +
      // Rest of Canada: PIPEDA + OPC guidelines on online behavioural advertising. P
      'CA',
  ],
  [
    'notice',
    0,
    // Other US states (known) and DC: no comprehensive law in force yet (OK AL LA VT enacted, 2027-2028). S
    'US-AL US-AK US-AZ US-AR US-GA US-HI US-ID US-IL US-KS US-LA US-ME US-MA US-MI US-MS US-MO US-NV ' +
      'US-NM US-NY US-NC US-ND US-OH US-OK US-PA US-SC US-SD US-VT US-WA US-WV US-WI US-WY US-DC ' +
      // US territories (ISO 3166-2:US outlying areas; as countries PR GU VI AS MP UM, notice without a row): no state
      // privacy law. —
      'US-PR US-GU US-VI US-AS US-MP US-UM',
  ],
  // The notice places of the facts have no row: a country without one is `notice` already, and the first-paint
  // script carries only the rows that change something (regimes.test.ts checks each of them is notice):
  // - Japan (Telecommunications Business Act external transmission rule; APPI 31) and Korea (PIPA 30(1)(vii)): JP KR;
  //   c15t maps both to opt-in. D
  // - India: DPDP Act 2023 + Rules Nov 2025; consent duties phase in ~13 May 2027 (then opt-in): IN. S
  // - Australia Privacy Act 1988, Singapore PDPA, South Africa POPIA (consent safer for ad tracking there):
  //   AU SG ZA. S/D
  // - Not EU despite an EU member's flag: Greenland, Faroes, St Barthélemy, French Pacific, St Pierre, Aruba; and
  //   Svalbard/Jan Mayen, outside the EEA: GL FO BL PF NC PM WF AW SJ. S
];

/** The row listing this code, if any: a scan of 4 strings, cheaper on first paint than building an index. */
function rowOf(code: string): readonly [Regime, 0 | 1, string] | undefined {
  const needle = ' ' + code + ' ';
  return REGIME_TABLE.find((r) => (' ' + r[2] + ' ').includes(needle));
}

/** True when the table has a row for a subdivision of this country (US, CA): `normalizeRegion` uses it. */
export function hasSubdivisionRows(country: string): boolean {
  return REGIME_TABLE.some((r) => (' ' + r[2]).includes(' ' + country + '-'));
}

/** One of the three regimes: what a `regimes` entry must be (src/config/parse.ts checks the config with it too). */
export const isRegime = (v: unknown): v is Regime => v === 'opt-in' || v === 'opt-out' || v === 'notice';

function overrideFor(overrides: RegimeOverrides, code: string): Regime | undefined {
  for (const key in overrides) {
    const v = overrides[key];
    if (key.toUpperCase() === code && isRegime(v)) return v;
  }
}

/**
 * The regime for a normalized region (`normalizeRegion`), and whether a law there requires honouring GPC.
 * Lookup: `overrides[region]`, `overrides[country]`, the table row of the region, of its country, else `notice`.
 * `null` (unknown) is `opt-in`: fail closed (facts, "unknown" row), and no override loosens it. `gpcRequired` is a
 * fact about the place, so a site override changes the regime but not `gpcRequired`.
 */
export function regimeFor(
  region: string | null,
  overrides?: RegimeOverrides,
): { regime: Regime; gpcRequired: boolean } {
  if (!region) return { regime: 'opt-in', gpcRequired: false };
  const code = region.toUpperCase();
  const country = code.slice(0, 2);
  const fact = rowOf(code) || rowOf(country);
  const site = overrides && (overrideFor(overrides, code) || overrideFor(overrides, country));
  return { regime: site || (fact ? fact[0] : 'notice'), gpcRequired: !!fact && fact[1] === 1 };
}
