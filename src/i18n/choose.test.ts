import { describe, expect, it } from 'vitest';
import { pickLanguage } from './choose';

describe('pickLanguage', () => {
  it.each([
    [['fr-CA', 'fr'], 'fr-CA'],
    [['fr-FR'], 'fr'],
    [['pt-BR', 'pt'], 'pt-BR'],
    [['pt-PT'], 'pt'],
    [['pt'], 'pt'],
    [['zh-TW'], 'zh-TW'],
    [['zh-Hant'], 'zh-TW'],
    [['zh-Hant-HK'], 'zh-TW'],
    [['zh-HK'], 'zh-TW'],
    [['zh'], 'zh-CN'],
    [['zh-Hans-CN'], 'zh-CN'],
    [['no'], 'nb'],
    [['nn-NO'], 'nb'],
    [['sw', 'de-AT'], 'de'],
    [['en-US', 'de'], 'en'],
    [['es-419'], 'es'],
    [['sw'], 'en'],
    [[], 'en'],
  ])('auto %j → %s', (langs, want) => {
    expect(pickLanguage('auto', langs, '', {}).lang).toBe(want);
  });
  it('falls back to <html lang>, then English', () => {
    expect(pickLanguage('auto', ['sw'], 'it', {}).lang).toBe('it');
    expect(pickLanguage('auto', ['sw'], 'xx', {}).lang).toBe('en');
  });
  it('an explicit language wins; an unknown one is English', () => {
    expect(pickLanguage('de', ['fr'], '', {}).lang).toBe('de');
    expect(pickLanguage('xx', ['fr'], '', {}).lang).toBe('en');
  });
  it('languages from translations count, without a pack', () => {
    expect(pickLanguage('auto', ['sw'], '', { sw: {} })).toEqual({ lang: 'sw', dir: 'ltr', pack: false });
  });
  it('right-to-left and packs', () => {
    expect(pickLanguage('auto', ['ar-EG'], '', {})).toEqual({ lang: 'ar', dir: 'rtl', pack: true });
    expect(pickLanguage('auto', ['he'], '', {}).dir).toBe('rtl');
    expect(pickLanguage('auto', ['en'], '', {}).pack).toBe(false);
  });
});
