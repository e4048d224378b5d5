/**
 * The languages shipped as packs beside the script (dist/i18n/<tag>.json); English is inside the script.
 * Kept here as one short string: the first paint needs only to know *which* exist, not their text.
 */
export const SHIPPED =
  'bg cs da de el es et fi fr ga hr hu it lt lv mt nl pl pt ro sk sl sv nb is tr pt-BR fr-CA zh-CN zh-TW ja ko he ar'.split(
    ' ',
  );

/** Languages written right to left (Arabic, Hebrew, Persian, Urdu, …). */
const RTL = /^(ar|he|fa|ur|ps|sd|yi|dv|ckb)\b/i;

/** Tags a browser sends for a language we ship under another tag. */
const ALIASES: Record<string, string> = {
  'zh-hant': 'zh-TW',
  'zh-hk': 'zh-TW',
  'zh-mo': 'zh-TW',
  zh: 'zh-CN',
  'zh-hans': 'zh-CN',
  'zh-sg': 'zh-CN',
  no: 'nb',
  nn: 'nb',
  iw: 'he',
  'pt-pt': 'pt',
};

export interface LanguageChoice {
  /** BCP 47 tag of the language shown, e.g. 'pt-BR' */
  lang: string;
  dir: 'ltr' | 'rtl';
  /** a pack has to be fetched for it */
  pack: boolean;
}

/**
 * Pick the UI language (pure): an explicit `language` wins; 'auto' takes the first of the browser's languages that
 * we have (the exact tag such as pt-BR, then a script or alias such as zh-Hant → zh-TW, then the base language),
 * then the page's <html lang>, then English. Languages the page supplies in `translations` count as ours.
 */
export function pickLanguage(
  language: string,
  browser: readonly string[],
  htmlLang: string,
  translations: Record<string, unknown>,
): LanguageChoice {
  const own = Object.keys(translations);
  const known = (t: string) =>
    t === 'en' ? 'en' : SHIPPED.find((s) => s.toLowerCase() === t) || own.find((s) => s.toLowerCase() === t);
  const match = (tag: string): string | undefined => {
    const t = tag.toLowerCase().replace(/_/g, '-');
    const parts = t.split('-');
    // zh-Hant-TW → zh-hant-tw, zh-hant, zh-tw …; es-419 → es
    const tries = [t, parts.slice(0, 2).join('-'), parts[0] + '-' + parts[parts.length - 1], parts[0]];
    for (const x of tries) {
      const hit = known(x) || (ALIASES[x] && known(ALIASES[x].toLowerCase()));
      if (hit) return hit;
    }
  };
  let lang: string | undefined;
  if (language !== 'auto') lang = match(language);
  else for (const b of [...browser, htmlLang]) if (b && (lang = match(b))) break;
  lang = lang || 'en';
  const shipped = SHIPPED.includes(lang);
  return { lang, dir: RTL.test(lang) ? 'rtl' : 'ltr', pack: shipped };
}
