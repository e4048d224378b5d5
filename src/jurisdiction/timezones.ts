/**
 * IANA time zone -> region: the fallback when there is no geo answer (docs/SPEC.md §3; facts: docs/jurisdictions.md,
 * "Time-zone fallback"). Only regions whose regime is not `notice` are listed; every other real zone is
 * `ELSEWHERE`, so the table stays small (size is a feature: this ships in the first-paint script).
 */

/**
 * A real zone in a place with no row here, whose regime is `notice` (`regimeFor` has no row for it).
 * ISO 3166 user-assigned, so no real region collides; `normalizeRegion` rejects it, so a geo or config `ZZ`
 * (CLDR's "Unknown Region") still counts as unknown.
 */
export const ELSEWHERE = 'ZZ';

// Every tzdata 2025b zone.tab zone and link ("alias") name of the listed regions, lower case (the lookup is
// case-insensitive, and it gzips ~10% smaller). A 2-letter token (or `ca-qc`) starts a region; a name with `/`
// sets the area for the bare names after it, across regions too (`at vienna` is Europe/Vienna); `/eire` is an
// area-less link; a name ending in `/` covers every name under it unless listed (`us/samoa` is American Samoa).
// The region order has no meaning: it is the one that gzips smallest.
// Hand fixes, where resolving a link to its target's country goes wrong (facts): Iceland is IS (links to
// Africa/Abidjan); America/Coral_Harbour is CA (ICU's id for Atikokan, links to America/Panama). Pacific/Johnston
// (-> Honolulu, but UM) and Atlantic/Jan_Mayen (-> Berlin, but SJ, outside the EEA) are not listed, so they are
// ELSEWHERE, as are America/Virgin (VI), Pacific/Truk, Yap, Ponape (FM), Europe/Simferopol, Kiev (UA).
// America/Toronto (and Canada/Eastern, its link) serves Ontario and Quebec: the stricter CA-QC (facts, CA row),
// like America/Montreal and the Quebec-only America/Blanc-Sablon (zone.tab "QC (Lower North Shore)").
// Asia/Famagusta (Northern Cyprus, disputed) is CY as in zone.tab.
// Names of no place are missing on purpose: UTC, GMT, Etc/* (Tor and Firefox resistFingerprinting report UTC),
// CET, EST5EDT… give null: unknown, opt-in. So do the area-less links of notice places (Japan, ROK, W-SU…):
// browsers report canonical ids (Chrome and Safari ICU's older ones: Asia/Calcutta, Europe/Kiev, both ELSEWHERE).
const ZONES =
  'il asia/jerusalem tel_aviv /israel ' +
  'cy famagusta nicosia europe/nicosia ' +
  'es madrid africa/ceuta atlantic/canary ' +
  'is reykjavik /iceland ' +
  'pt azores madeira europe/lisbon /portugal ' +
  'pl warsaw /poland ' +
  'at vienna ' +
  'lt vilnius ' +
  'mt malta ' +
  'fi helsinki ' +
  'gi gibraltar ' +
  'ch zurich ' +
  'gr athens ' +
  'si ljubljana ' +
  'im isle_of_man ' +
  'ie dublin /eire ' +
  'de berlin busingen ' +
  'bg sofia ' +
  'gb belfast london /gb /gb-eire ' +
  'dk copenhagen ' +
  'be brussels ' +
  'it rome ' +
  'hu budapest ' +
  'lv riga ' +
  'ro bucharest ' +
  'sk bratislava ' +
  'gf america/cayenne ' +
  'br araguaina bahia belem boa_vista campo_grande cuiaba eirunepe fortaleza maceio manaus noronha porto_acre ' +
  'porto_velho recife rio_branco santarem sao_paulo brazil/ ' +
  'yt indian/mayotte ' +
  're reunion ' +
  'lu europe/luxembourg ' +
  'no oslo ' +
  'gg guernsey ' +
  'cz prague ' +
  'je jersey ' +
  'hr zagreb ' +
  'ee tallinn ' +
  'li vaduz ' +
  'nl amsterdam ' +
  'se stockholm ' +
  'fr paris ' +
  'ax mariehamn ' +
  'tr istanbul asia/istanbul /turkey ' +
  'cn chongqing chungking harbin kashgar shanghai urumqi /prc ' +
  'mf america/marigot ' +
  'mq martinique ' +
  'ca atikokan cambridge_bay coral_harbour creston dawson dawson_creek edmonton fort_nelson glace_bay goose_bay ' +
  'halifax inuvik iqaluit moncton nipigon pangnirtung rainy_river rankin_inlet regina resolute st_johns ' +
  'swift_current thunder_bay vancouver whitehorse winnipeg yellowknife canada/ ' +
  'ca-qc eastern america/blanc-sablon montreal toronto ' +
  'gp guadeloupe ' +
  'us adak anchorage atka boise chicago denver detroit fort_wayne indianapolis juneau knox_in los_angeles ' +
  'louisville menominee metlakatla new_york nome phoenix shiprock sitka yakutat america/indiana/ ' +
  'america/kentucky/ america/north_dakota/ pacific/honolulu us/ /navajo ' +
  'zz samoa';

let table: Map<string, string> | undefined;

function zones(): Map<string, string> {
  if (!table) {
    table = new Map();
    let region = '';
    let area = '';
    for (const t of ZONES.split(' ')) {
      const i = t.lastIndexOf('/');
      if (/^..(-|$)/.test(t)) region = t.toUpperCase();
      else {
        if (i > 0) area = t.slice(0, i);
        table.set(i < 0 ? area + '/' + t : i ? t : t.slice(1), region);
      }
    }
  }
  return table;
}

/**
 * The region of an IANA time zone id (`Intl.DateTimeFormat().resolvedOptions().timeZone`): `CC` or `CA-QC` where
 * the regime is not `notice`; `ELSEWHERE` for any other Area/City id (`Asia/Tokyo`); null for a zone that names
 * no place (`UTC`, `Etc/GMT+3`), a non-string or anything else: unknown, which is opt-in. Case-insensitive.
 */
export function regionFromTimeZone(tz: string): string | null {
  // String(): a non-string (a throwing Intl shim's undefined) becomes a word without `/`: null.
  const z = String(tz).toLowerCase();
  const t = zones();
  const known = t.get(z) || t.get(z.slice(0, z.lastIndexOf('/') + 1));
  return known || (/^(?!etc\/)[a-z]+(\/[\w+-]+)+$/.test(z) ? ELSEWHERE : null);
}
