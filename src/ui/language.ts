import type { ResolvedConfig } from '../config/types';
import { pickLanguage } from '../i18n/choose';
import { loadPack, PACK_WAIT_MS } from '../i18n/load';
import { logError } from '../lib/log';
import { buildStrings, EN, type StringLayer, type Strings } from './strings';

type Pack = Record<string, string> | null;

export interface Language {
  readonly lang: string;
  readonly dir: 'ltr' | 'rtl';
  /** EN's strings in this language (the panel completes them with its own from `layers`: src/ui/panel.ts) */
  readonly strings: Strings;
  /** what the strings are built from: the language pack, then the page's `translations` for the language */
  readonly layers: StringLayer[];
  /** the visitor's pack is being fetched (the first banner waits for it, within PACK_WAIT_MS) */
  readonly fetched: boolean;
  /** the pack, or null when it is missing, broken or later than the banner waits */
  readonly waited: Promise<Pack>;
  /** At ready, with what `waited` gave: the strings to show; `onLate` when a late pack switches them afterwards. */
  settle(pack: Pack, onLate: () => void): void;
}

/** The UI language: chosen at once, its pack fetched in parallel with the geo request, English until (or unless) it comes. */
export function createLanguage(
  config: ResolvedConfig,
  nav: Navigator,
  doc: Document,
  fetchFn: typeof fetch,
  assetBase: string | null,
): Language {
  const choice = pickLanguage(
    config.language,
    nav.languages || [nav.language],
    doc.documentElement.lang,
    config.translations,
  );
  let { lang, dir } = choice;
  const own = (tag: string) => config.translations[tag.toLowerCase()];
  let layers: StringLayer[] = [own('en'), own(lang)];
  let strings = buildStrings(EN, layers);
  const use = (pack: StringLayer) => {
    layers = [pack, own(lang)];
    strings = buildStrings(EN, layers);
  };
  const fetched = !!(choice.pack && assetBase);
  const late = (ms: number) => new Promise<null>((r) => setTimeout(() => r(null), ms));
  /** the pack itself, bounded: loadPack gives up on one later than PACK_LATE_MS */
  const packLate: Promise<Pack> = fetched ? loadPack(fetchFn, assetBase!, lang, logError, EN) : Promise.resolve(null);
  return {
    get lang() {
      return lang;
    },
    get dir() {
      return dir;
    },
    get strings() {
      return strings;
    },
    get layers() {
      return layers;
    },
    fetched,
    waited: Promise.race([packLate, late(PACK_WAIT_MS)]),
    settle(pack, onLate) {
      if (pack) use(pack);
      else if (choice.pack && !own(lang)) {
        // No pack (none beside the script, late, missing or malformed): English, and say so in the record.
        lang = 'en';
        dir = 'ltr';
        // Late but on its way: the visitor switches to their language when it arrives (bounded by PACK_LATE_MS).
        void packLate.then((p) => {
          if (!p) return;
          ({ lang, dir } = choice);
          use(p);
          onLate();
        });
      }
    },
  };
}
