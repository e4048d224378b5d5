import { normalizeRegion } from './regions';

/**
 * The country of the first BCP 47 tag (`navigator.languages`) that names one: `fr-CA` -> `CA`,
 * `zh-Hant-TW` -> `TW`. A UN M.49 numeric region (`es-419`, Latin America) names no country, so that tag is
 * skipped. A weak hint only (facts, "Time-zone fallback"): `en-US` is a worldwide default.
 */
export function regionFromLanguages(langs: readonly string[]): string | null {
  for (const tag of langs || []) {
    const [lang, ...subs] = typeof tag === 'string' ? tag.split(/[-_]/) : [];
    // `x-…`, `i-…`: private use and grandfathered tags have no region
    if (!lang || lang.length < 2) continue;
    // language[-extlang{0,3}][-script][-region]: region is the first 2-letter subtag after 3- and 4-letter ones
    for (const sub of subs) {
      if (/^[a-z]{3,4}$/i.test(sub)) continue;
      const cc = /^[a-z]{2}$/i.test(sub) ? normalizeRegion(sub) : null;
      if (cc) return cc;
      break;
    }
  }
  return null;
}
