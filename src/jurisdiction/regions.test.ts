import { describe, expect, it } from 'vitest';
import { normalizeRegion } from './regions';

describe('normalizeRegion', () => {
  it.each([
    ['de', 'DE'],
    ['DE', 'DE'],
    [' de ', 'DE'],
    ['us-ca', 'US-CA'],
    ['US-CA', 'US-CA'],
    ['CA_QC', 'CA-QC'],
    ['CA QC', 'CA-QC'],
    ['GB-BNH', 'GB-BNH'],
    ['FR-75C', 'FR-75C'],
    ['JP-13', 'JP-13'],
    ['US-C', 'US-C'],
    // Google Cloud LB {client_region_subdivision}: CLDR id without separator, for US and CA
    ['USCA', 'US-CA'],
    ['usca', 'US-CA'],
    ['USNY', 'US-NY'],
    ['CAQC', 'CA-QC'],
    ['CAON', 'CA-ON'],
    ['XK', 'XK'], // Kosovo: user-assigned, but what Cloudflare and CLDR send
  ])('%j -> %s', (input, expected) => {
    expect(normalizeRegion(input)).toBe(expected);
  });

  it.each([
    'XX', // Cloudflare: unknown
    'xx',
    'T1', // Cloudflare: Tor
    '**', // Fastly: unknown
    'ZZ', // CLDR: unknown region
    'AA',
    'QM',
    'QZ',
    'XA',
    'XZ',
    'XX-CA',
    '',
    '   ',
    'D',
    'DEU', // ISO alpha-3, not DE-U
    'USA',
    'JP13', // separator-less form only where a subdivision can change the regime (US, CA)
    'DEBY',
    'GBENG',
    'USCALI',
    'US-CALI',
    'US--CA',
    'US-',
    'US-C@',
    '12',
    'D3',
    'U.S.',
    'auto',
    'Deutschland',
  ])('%j -> null', (input) => {
    expect(normalizeRegion(input)).toBeNull();
  });

  it.each([undefined, null, 42, {}, ['DE']])('non-string %j -> null', (input) => {
    expect(normalizeRegion(input as unknown as string)).toBeNull();
  });
});
