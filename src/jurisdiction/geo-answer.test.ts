import { describe, expect, it } from 'vitest';
import { parseGeoAnswer } from './geo-answer';

describe('parseGeoAnswer', () => {
  it.each<[unknown, string | null]>([
    [{ country: 'DE', region: 'BY' }, 'DE-BY'],
    [{ country: 'US', region: 'US-CA' }, 'US-CA'], // already prefixed
    [{ country: 'US', region: 'CA' }, 'US-CA'], // Vercel, CloudFront, Akamai: subdivision part only
    [{ country: 'US', region: 'USCA' }, 'US-CA'], // Google Cloud LB: CLDR
    [{ country: 'US' }, 'US'],
    [{ country: 'GB', region: 'GB-BNH' }, 'GB-BNH'], // Fastly's most specific region
    [{ country: 'GB', region: 'BNH' }, 'GB-BNH'],
    [{ country: 'CA', region: 'CAQC' }, 'CA-QC'],
    [{ country: 'GB', region: 'ENG' }, 'GB-ENG'],
    [{ country: 'ca', region: 'qc' }, 'CA-QC'],
    [{ country: 'CA', region: 'CA_QC' }, 'CA-QC'],
    [{ country: ' CA ', region: ' QC ' }, 'CA-QC'],
    [{ country: 'CA', region: 'CA' }, 'CA'], // the country repeated is no province
    [{ country: 'US', region: 'US' }, 'US'],
    [{ country: 'DE', region: '' }, 'DE'],
    [{ country: 'DE', region: 'FR-IDF' }, 'DE'], // a region of another country is ignored
    [{ country: 'DE', region: 'Bavaria' }, 'DE'],
    [{ country: 'DE', region: null }, 'DE'],
    [{ country: 'DE', region: 5 }, 'DE'],
    [{ country: 'XK' }, 'XK'],
    [{ country: 'XX' }, null],
    [{ country: 'XX', region: 'CA' }, null],
    [{ country: 'T1' }, null],
    [{ country: '**' }, null],
    [{ country: '' }, null],
    [{ country: 'US-CA' }, null], // country must be a country
    [{ country: 'USA' }, null],
    [{ country: 49 }, null],
    [{ country: null, region: 'BY' }, null],
    [{ region: 'BY' }, null],
    [{}, null],
    [['DE'], null],
    ['DE', null],
    [null, null],
    [undefined, null],
    [42, null],
  ])('%j -> %s', (json, expected) => {
    expect(parseGeoAnswer(json)).toBe(expected);
  });

  it('reads a JSON.parse result', () => {
    expect(parseGeoAnswer(JSON.parse('{"country":"CA","region":"QC","city":"Montréal"}'))).toBe('CA-QC');
  });
});
