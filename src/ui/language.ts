import type { Strings } from './strings';

/** Languages written right to left among those we may show (Arabic, Hebrew, Persian, Urdu, …). */
const RTL = /^(ar|he|fa|ur|ps|sd|yi|dv|ckb)\b/;

export interface LanguageChoice {
  lang: string;
  dir: 'ltr' | 'rtl';
  /** the strings of that language bundled with the script, if any (English is the base layer) */
  pack?: Partial<Strings>;
}

/**
 * Pick the UI language: an explicit `language` wins; 'auto' takes the first of the browser's languages we have
 * (exact tag, then its base language), then the page's <html lang>, then English.
 */
export function pickLanguage(
  language: string,
  browser: readonly string[],
  htmlLang: string,
  translations: Record<string, Record<string, string>>,
): LanguageChoice {
  const have = (tag: string) => tag === 'en' || tag in translations;
  const norm = (t: string) => t.toLowerCase();
  const find = (tags: readonly string[]) => {
    for (const t of tags.map(norm)) {
      if (have(t)) return t;
      const base = t.split('-')[0];
      if (have(base)) return base;
    }
    return null;
  };
  const lang = language !== 'auto' ? norm(language) : find(browser) || (htmlLang && find([htmlLang])) || 'en';
  return { lang, dir: RTL.test(lang) ? 'rtl' : 'ltr' };
}
