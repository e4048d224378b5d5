import { describe, expect, it } from 'vitest';
import { regimeFor } from './regimes';
import { ELSEWHERE, regionFromTimeZone } from './timezones';
import { ELSEWHERE_ZONES, NO_PLACE_ZONES, ZONES_BY_REGION } from './tzdata.fixture';

const regime = (tz: string) => regimeFor(regionFromTimeZone(tz)).regime;

describe('regionFromTimeZone: every tzdata 2025b name', () => {
  for (const [region, names] of Object.entries(ZONES_BY_REGION)) {
    it(`${region}: ${names.split(' ').length} names`, () => {
      const got = names.split(' ').map((tz) => [tz, regionFromTimeZone(tz)]);
      expect(got.filter(([, r]) => r !== region)).toEqual([]);
    });
  }

  it(`every other Area/City name is ELSEWHERE (notice): ${ELSEWHERE_ZONES.split(' ').length} names`, () => {
    const got = ELSEWHERE_ZONES.split(' ').map((tz) => [tz, regionFromTimeZone(tz)]);
    expect(got.filter(([, r]) => r !== ELSEWHERE)).toEqual([]);
  });

  it(`names of no place are null (unknown): ${NO_PLACE_ZONES.split(' ').length} names`, () => {
    const got = NO_PLACE_ZONES.split(' ').map((tz) => [tz, regionFromTimeZone(tz)]);
    expect(got.filter(([, r]) => r !== null)).toEqual([]);
  });

  it("every id this runtime's ICU knows is classified like the fixture", () => {
    const known = new Map<string, string | null>();
    for (const [region, names] of Object.entries(ZONES_BY_REGION)) {
      for (const n of names.split(' ')) known.set(n, region);
    }
    for (const n of ELSEWHERE_ZONES.split(' ')) known.set(n, ELSEWHERE);
    for (const n of NO_PLACE_ZONES.split(' ')) known.set(n, null);
    const ids = Intl.supportedValuesOf('timeZone');
    expect(ids.length).toBeGreaterThan(300);
    const wrong = ids.filter((id) => known.has(id) && regionFromTimeZone(id) !== known.get(id));
    expect(wrong).toEqual([]);
    // an id newer than the fixture must still be a place, not unknown
    expect(ids.filter((id) => !known.has(id) && regionFromTimeZone(id) === null)).toEqual([]);
  });
});

describe('regionFromTimeZone: hand-fixed aliases and territories (facts, "Time-zone fallback")', () => {
  it.each([
    ['Iceland', 'IS', 'opt-in'], // links to Africa/Abidjan (CI); older tzdata to GH
    ['Atlantic/Reykjavik', 'IS', 'opt-in'],
    ['Atlantic/Jan_Mayen', ELSEWHERE, 'notice'], // SJ, outside the EEA; links to Europe/Berlin (DE)
    ['Arctic/Longyearbyen', ELSEWHERE, 'notice'], // SJ; links to Europe/Berlin
    ['America/Coral_Harbour', 'CA', 'opt-out'], // links to America/Panama (PA)
    ['America/Atikokan', 'CA', 'opt-out'],
    ['America/Virgin', ELSEWHERE, 'notice'], // VI; links to America/Puerto_Rico
    ['America/St_Thomas', ELSEWHERE, 'notice'],
    ['Pacific/Johnston', ELSEWHERE, 'notice'], // UM; links to Pacific/Honolulu (US)
    ['Pacific/Truk', ELSEWHERE, 'notice'], // FM; links to Pacific/Port_Moresby
    ['Pacific/Yap', ELSEWHERE, 'notice'],
    ['Pacific/Ponape', ELSEWHERE, 'notice'], // FM; links to Pacific/Guadalcanal
    ['Europe/Simferopol', ELSEWHERE, 'notice'], // UA (disputed)
    ['Asia/Famagusta', 'CY', 'opt-in'],
    ['Europe/Nicosia', 'CY', 'opt-in'],
    ['Europe/Busingen', 'DE', 'opt-in'], // links to Europe/Zurich (CH)
    ['Atlantic/Canary', 'ES', 'opt-in'],
    ['Africa/Ceuta', 'ES', 'opt-in'],
    ['Atlantic/Madeira', 'PT', 'opt-in'],
    ['Atlantic/Azores', 'PT', 'opt-in'],
    ['Indian/Reunion', 'RE', 'opt-in'],
    ['America/Cayenne', 'GF', 'opt-in'],
    ['America/Guadeloupe', 'GP', 'opt-in'], // links to America/Puerto_Rico
    ['America/Martinique', 'MQ', 'opt-in'],
    ['Indian/Mayotte', 'YT', 'opt-in'], // links to Africa/Nairobi
    ['America/Marigot', 'MF', 'opt-in'], // links to America/Puerto_Rico
    ['Europe/Mariehamn', 'AX', 'opt-in'], // links to Europe/Helsinki
    ['America/St_Barthelemy', ELSEWHERE, 'notice'], // BL, not EU
    ['America/Nuuk', ELSEWHERE, 'notice'], // GL, not EU
    ['Atlantic/Faroe', ELSEWHERE, 'notice'], // FO, not EU
    ['Pacific/Tahiti', ELSEWHERE, 'notice'], // PF
    ['America/Miquelon', ELSEWHERE, 'notice'], // PM
    ['America/Aruba', ELSEWHERE, 'notice'],
    ['Europe/Vaduz', 'LI', 'opt-in'], // links to Europe/Zurich
    ['Europe/Zurich', 'CH', 'opt-in'],
    ['Europe/Oslo', 'NO', 'opt-in'],
    ['Europe/Amsterdam', 'NL', 'opt-in'],
    ['Europe/Luxembourg', 'LU', 'opt-in'],
    ['Europe/Ljubljana', 'SI', 'opt-in'], // links to Europe/Belgrade (RS)
    ['Europe/Monaco', ELSEWHERE, 'notice'], // MC, links to Europe/Paris
    ['Europe/Vatican', ELSEWHERE, 'notice'],
    ['Europe/San_Marino', ELSEWHERE, 'notice'],
    ['Europe/Andorra', ELSEWHERE, 'notice'],
    ['Europe/London', 'GB', 'opt-in'], // also GG JE IM: all opt-in
    ['Europe/Belfast', 'GB', 'opt-in'],
    ['GB', 'GB', 'opt-in'],
    ['GB-Eire', 'GB', 'opt-in'],
    ['Europe/Guernsey', 'GG', 'opt-in'],
    ['Europe/Jersey', 'JE', 'opt-in'],
    ['Europe/Isle_of_Man', 'IM', 'opt-in'],
    ['Europe/Gibraltar', 'GI', 'opt-in'],
    ['Eire', 'IE', 'opt-in'],
    ['Poland', 'PL', 'opt-in'],
    ['Portugal', 'PT', 'opt-in'],
    ['Europe/Istanbul', 'TR', 'opt-in'],
    ['Asia/Istanbul', 'TR', 'opt-in'],
    ['Turkey', 'TR', 'opt-in'],
    ['Asia/Shanghai', 'CN', 'opt-in'],
    ['Asia/Urumqi', 'CN', 'opt-in'],
    ['Asia/Kashgar', 'CN', 'opt-in'],
    ['Asia/Chongqing', 'CN', 'opt-in'],
    ['Asia/Chungking', 'CN', 'opt-in'],
    ['Asia/Harbin', 'CN', 'opt-in'],
    ['PRC', 'CN', 'opt-in'],
    ['Asia/Hong_Kong', ELSEWHERE, 'notice'],
    ['Asia/Macau', ELSEWHERE, 'notice'],
    ['Asia/Jerusalem', 'IL', 'opt-in'],
    ['Asia/Tel_Aviv', 'IL', 'opt-in'],
    ['Israel', 'IL', 'opt-in'],
    ['Asia/Gaza', ELSEWHERE, 'notice'],
    ['America/Sao_Paulo', 'BR', 'opt-in'],
    ['America/Noronha', 'BR', 'opt-in'],
    ['America/Porto_Acre', 'BR', 'opt-in'],
    ['Brazil/East', 'BR', 'opt-in'],
    ['Brazil/Acre', 'BR', 'opt-in'],
    ['Brazil/DeNoronha', 'BR', 'opt-in'],
    ['Brazil/West', 'BR', 'opt-in'],
    // Canada: Toronto serves Ontario and Quebec, so the stricter CA-QC (facts, CA row)
    ['America/Toronto', 'CA-QC', 'opt-in'],
    ['America/Montreal', 'CA-QC', 'opt-in'],
    ['Canada/Eastern', 'CA-QC', 'opt-in'], // link to America/Toronto
    ['America/Blanc-Sablon', 'CA-QC', 'opt-in'], // Quebec's Lower North Shore only
    ['America/Nipigon', 'CA', 'opt-out'], // Ontario, links to America/Toronto
    ['America/Thunder_Bay', 'CA', 'opt-out'],
    ['America/Vancouver', 'CA', 'opt-out'],
    ['America/St_Johns', 'CA', 'opt-out'],
    ['America/Yellowknife', 'CA', 'opt-out'],
    ['Canada/Pacific', 'CA', 'opt-out'],
    ['Canada/Saskatchewan', 'CA', 'opt-out'],
    ['Canada/East-Saskatchewan', 'CA', 'opt-out'], // removed from tzdata in 2017, old systems still have it
    // US: state unknown
    ['America/New_York', 'US', 'opt-out'],
    ['America/Los_Angeles', 'US', 'opt-out'],
    ['America/Phoenix', 'US', 'opt-out'],
    ['America/Adak', 'US', 'opt-out'],
    ['America/Anchorage', 'US', 'opt-out'],
    ['America/Indiana/Knox', 'US', 'opt-out'],
    ['America/Kentucky/Monticello', 'US', 'opt-out'],
    ['America/North_Dakota/New_Salem', 'US', 'opt-out'],
    ['America/Fort_Wayne', 'US', 'opt-out'],
    ['America/Knox_IN', 'US', 'opt-out'],
    ['America/Shiprock', 'US', 'opt-out'],
    ['Navajo', 'US', 'opt-out'],
    ['Pacific/Honolulu', 'US', 'opt-out'],
    ['US/Pacific', 'US', 'opt-out'],
    ['US/East-Indiana', 'US', 'opt-out'],
    ['US/Aleutian', 'US', 'opt-out'],
    ['US/Pacific-New', 'US', 'opt-out'], // removed from tzdata in 2020
    ['US/Samoa', ELSEWHERE, 'notice'], // American Samoa, not a state
    ['Pacific/Pago_Pago', ELSEWHERE, 'notice'],
    ['America/Puerto_Rico', ELSEWHERE, 'notice'], // PR: its own ISO code, no state law
    ['Pacific/Guam', ELSEWHERE, 'notice'],
    ['Pacific/Saipan', ELSEWHERE, 'notice'],
    ['Pacific/Midway', ELSEWHERE, 'notice'],
    ['America/Tijuana', ELSEWHERE, 'notice'],
    ['America/Ensenada', ELSEWHERE, 'notice'],
  ])('%s -> %s (%s)', (tz, region, expected) => {
    expect(regionFromTimeZone(tz)).toBe(region);
    expect(regime(tz)).toBe(expected);
  });
});

describe('regionFromTimeZone: Chrome and Safari legacy (ICU/CLDR) ids', () => {
  it.each([
    ['Asia/Calcutta', ELSEWHERE],
    ['Asia/Kolkata', ELSEWHERE],
    ['Europe/Kiev', ELSEWHERE],
    ['Europe/Kyiv', ELSEWHERE],
    ['Europe/Uzhgorod', ELSEWHERE],
    ['Asia/Saigon', ELSEWHERE],
    ['Asia/Katmandu', ELSEWHERE],
    ['Asia/Rangoon', ELSEWHERE],
    ['America/Buenos_Aires', ELSEWHERE],
    ['America/Godthab', ELSEWHERE],
    ['Atlantic/Faeroe', ELSEWHERE],
    ['Pacific/Enderbury', ELSEWHERE],
    ['America/Indianapolis', 'US'],
    ['America/Louisville', 'US'],
    ['America/Coral_Harbour', 'CA'],
  ])('%s -> %s', (tz, region) => {
    expect(regionFromTimeZone(tz)).toBe(region);
  });
});

describe('regionFromTimeZone: other inputs', () => {
  it.each([
    ['Asia/Tokyo', ELSEWHERE],
    ['Australia/Sydney', ELSEWHERE],
    ['Africa/Lagos', ELSEWHERE],
    ['America/Argentina/Buenos_Aires', ELSEWHERE],
    ['Antarctica/Troll', ELSEWHERE],
    ['Europe/Moscow', ELSEWHERE],
    ['europe/berlin', 'DE'], // case-insensitive
    ['EUROPE/BERLIN', 'DE'],
    ['america/toronto', 'CA-QC'],
    ['us/pacific', 'US'],
    ['iceland', 'IS'],
    ['UTC', null], // unknown: fail closed (facts, "unknown" row)
    ['Etc/UTC', null],
    ['Etc/GMT+3', null],
    ['Etc/GMT-14', null],
    ['etc/gmt', null],
    ['GMT', null],
    ['Universal', null],
    ['Zulu', null],
    ['CET', null],
    ['EST5EDT', null],
    ['Japan', null], // area-less link of a notice place: not shipped, fails closed
    ['', null],
    ['garbage', null],
    ['Mars/Olympus Mons', null],
    ['Europe/Berlin; drop table', null],
    ['constructor', null],
    ['/', null],
    ['Europe/', null],
    ['US/', 'US'],
  ])('%j -> %s', (tz, region) => {
    expect(regionFromTimeZone(tz)).toBe(region);
  });

  it.each([undefined, null, 42, {}])('non-string %j -> null', (tz) => {
    expect(regionFromTimeZone(tz as unknown as string)).toBeNull();
  });

  it('ELSEWHERE is notice and is no real region', () => {
    expect(ELSEWHERE).toBe('ZZ');
    expect(regimeFor(ELSEWHERE)).toEqual({ regime: 'notice', gpcRequired: false });
  });
});
