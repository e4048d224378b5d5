import { describe, expect, it } from 'vitest';
import { regionFromLanguages } from './region-from-languages';

describe('regionFromLanguages', () => {
  it.each<[string[], string | null]>([
    [['fr-CA'], 'CA'],
    [['pt-BR'], 'BR'],
    [['zh-Hant-TW'], 'TW'],
    [['sr-Latn-RS'], 'RS'],
    [['zh-yue-HK'], 'HK'], // extlang
    [['en_GB'], 'GB'],
    [['de-de'], 'DE'],
    [['de-DE-u-co-phonebk'], 'DE'],
    [['en-GB-oxendict'], 'GB'],
    [['en-US'], 'US'],
    [['es-419'], null], // UN M.49 Latin America: no country
    [['es-419', 'fr-CA'], 'CA'],
    [['en'], null],
    [['en', 'de-AT'], 'AT'], // first tag with a region
    [['de-AT', 'en-US'], 'AT'],
    [['en-XX'], null],
    [['en-XX', 'fr-BE'], 'BE'],
    [['x-us'], null], // private use
    [['i-klingon'], null],
    [['en-x-us'], null],
    [['de-1996'], null],
    [['zh-Hant'], null],
    [[''], null],
    [[], null],
  ])('%j -> %s', (langs, expected) => {
    expect(regionFromLanguages(langs)).toBe(expected);
  });

  it('skips non-strings and tolerates a missing list', () => {
    expect(regionFromLanguages([null, 5, 'it-IT'] as unknown as string[])).toBe('IT');
    expect(regionFromLanguages(undefined as unknown as string[])).toBeNull();
  });
});
