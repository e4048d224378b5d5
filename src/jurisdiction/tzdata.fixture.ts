// Test fixture, not shipped: every tzdata 2025b zone and link name (Debian tzdata `zone.tab` and `tzdata.zi`) with
// the region it must resolve to. A zone takes its zone.tab country, a link its target's, then the hand fixes listed in
// timezones.ts (Iceland, Coral_Harbour, Toronto/Montreal/Canada/Eastern/Blanc-Sablon -> CA-QC) and two removed
// names old systems still report (US/Pacific-New, Canada/East-Saskatchewan). Regions whose regime is notice are
// folded into ELSEWHERE_ZONES.
export const ZONES_BY_REGION: Record<string, string> = {
  AT: 'Europe/Vienna',
  BE: 'Europe/Brussels',
  BG: 'Europe/Sofia',
  HR: 'Europe/Zagreb',
  CY: 'Asia/Famagusta Asia/Nicosia Europe/Nicosia',
  CZ: 'Europe/Prague',
  DK: 'Europe/Copenhagen',
  EE: 'Europe/Tallinn',
  FI: 'Europe/Helsinki',
  FR: 'Europe/Paris',
  DE: 'Europe/Berlin Europe/Busingen',
  GR: 'Europe/Athens',
  HU: 'Europe/Budapest',
  IE: 'Eire Europe/Dublin',
  IT: 'Europe/Rome',
  LV: 'Europe/Riga',
  LT: 'Europe/Vilnius',
  LU: 'Europe/Luxembourg',
  MT: 'Europe/Malta',
  NL: 'Europe/Amsterdam',
  PL: 'Europe/Warsaw Poland',
  PT: 'Atlantic/Azores Atlantic/Madeira Europe/Lisbon Portugal',
  RO: 'Europe/Bucharest',
  SK: 'Europe/Bratislava',
  SI: 'Europe/Ljubljana',
  ES: 'Africa/Ceuta Atlantic/Canary Europe/Madrid',
  SE: 'Europe/Stockholm',
  IS: 'Atlantic/Reykjavik Iceland',
  LI: 'Europe/Vaduz',
  NO: 'Europe/Oslo',
  AX: 'Europe/Mariehamn',
  GF: 'America/Cayenne',
  GP: 'America/Guadeloupe',
  MQ: 'America/Martinique',
  RE: 'Indian/Reunion',
  YT: 'Indian/Mayotte',
  MF: 'America/Marigot',
  GB: 'Europe/Belfast Europe/London GB GB-Eire',
  GG: 'Europe/Guernsey',
  JE: 'Europe/Jersey',
  IM: 'Europe/Isle_of_Man',
  GI: 'Europe/Gibraltar',
  CH: 'Europe/Zurich',
  TR: 'Asia/Istanbul Europe/Istanbul Turkey',
  CN: 'Asia/Chongqing Asia/Chungking Asia/Harbin Asia/Kashgar Asia/Shanghai Asia/Urumqi PRC',
  IL: 'Asia/Jerusalem Asia/Tel_Aviv Israel',
  BR:
    'America/Araguaina America/Bahia America/Belem America/Boa_Vista America/Campo_Grande America/Cuiaba ' +
    'America/Eirunepe America/Fortaleza America/Maceio America/Manaus America/Noronha America/Porto_Acre ' +
    'America/Porto_Velho America/Recife America/Rio_Branco America/Santarem America/Sao_Paulo Brazil/Acre ' +
    'Brazil/DeNoronha Brazil/East Brazil/West',
  'CA-QC': 'America/Blanc-Sablon America/Montreal America/Toronto Canada/Eastern',
  CA:
    'America/Atikokan America/Cambridge_Bay America/Coral_Harbour America/Creston America/Dawson ' +
    'America/Dawson_Creek America/Edmonton America/Fort_Nelson America/Glace_Bay America/Goose_Bay ' +
    'America/Halifax America/Inuvik America/Iqaluit America/Moncton America/Nipigon America/Pangnirtung ' +
    'America/Rainy_River America/Rankin_Inlet America/Regina America/Resolute America/St_Johns ' +
    'America/Swift_Current America/Thunder_Bay America/Vancouver America/Whitehorse America/Winnipeg ' +
    'America/Yellowknife Canada/Atlantic Canada/Central Canada/East-Saskatchewan Canada/Mountain ' +
    'Canada/Newfoundland Canada/Pacific Canada/Saskatchewan Canada/Yukon',
  US:
    'America/Adak America/Anchorage America/Atka America/Boise America/Chicago America/Denver ' +
    'America/Detroit America/Fort_Wayne America/Indiana/Indianapolis America/Indiana/Knox ' +
    'America/Indiana/Marengo America/Indiana/Petersburg America/Indiana/Tell_City America/Indiana/Vevay ' +
    'America/Indiana/Vincennes America/Indiana/Winamac America/Indianapolis America/Juneau ' +
    'America/Kentucky/Louisville America/Kentucky/Monticello America/Knox_IN America/Los_Angeles ' +
    'America/Louisville America/Menominee America/Metlakatla America/New_York America/Nome ' +
    'America/North_Dakota/Beulah America/North_Dakota/Center America/North_Dakota/New_Salem ' +
    'America/Phoenix America/Shiprock America/Sitka America/Yakutat Navajo Pacific/Honolulu US/Alaska ' +
    'US/Aleutian US/Arizona US/Central US/East-Indiana US/Eastern US/Hawaii US/Indiana-Starke US/Michigan ' +
    'US/Mountain US/Pacific US/Pacific-New',
};

// Every other tzdata Area/City name: a real place whose regime is notice.
export const ELSEWHERE_ZONES =
  'Africa/Abidjan Africa/Accra Africa/Addis_Ababa Africa/Algiers Africa/Asmara Africa/Asmera ' +
  'Africa/Bamako Africa/Bangui Africa/Banjul Africa/Bissau Africa/Blantyre Africa/Brazzaville ' +
  'Africa/Bujumbura Africa/Cairo Africa/Casablanca Africa/Conakry Africa/Dakar Africa/Dar_es_Salaam ' +
  'Africa/Djibouti Africa/Douala Africa/El_Aaiun Africa/Freetown Africa/Gaborone Africa/Harare ' +
  'Africa/Johannesburg Africa/Juba Africa/Kampala Africa/Khartoum Africa/Kigali Africa/Kinshasa ' +
  'Africa/Lagos Africa/Libreville Africa/Lome Africa/Luanda Africa/Lubumbashi Africa/Lusaka ' +
  'Africa/Malabo Africa/Maputo Africa/Maseru Africa/Mbabane Africa/Mogadishu Africa/Monrovia ' +
  'Africa/Nairobi Africa/Ndjamena Africa/Niamey Africa/Nouakchott Africa/Ouagadougou Africa/Porto-Novo ' +
  'Africa/Sao_Tome Africa/Timbuktu Africa/Tripoli Africa/Tunis Africa/Windhoek America/Anguilla ' +
  'America/Antigua America/Argentina/Buenos_Aires America/Argentina/Catamarca ' +
  'America/Argentina/ComodRivadavia America/Argentina/Cordoba America/Argentina/Jujuy ' +
  'America/Argentina/La_Rioja America/Argentina/Mendoza America/Argentina/Rio_Gallegos ' +
  'America/Argentina/Salta America/Argentina/San_Juan America/Argentina/San_Luis ' +
  'America/Argentina/Tucuman America/Argentina/Ushuaia America/Aruba America/Asuncion ' +
  'America/Bahia_Banderas America/Barbados America/Belize America/Bogota America/Buenos_Aires ' +
  'America/Cancun America/Caracas America/Catamarca America/Cayman America/Chihuahua ' +
  'America/Ciudad_Juarez America/Cordoba America/Costa_Rica America/Coyhaique America/Curacao ' +
  'America/Danmarkshavn America/Dominica America/El_Salvador America/Ensenada America/Godthab ' +
  'America/Grand_Turk America/Grenada America/Guatemala America/Guayaquil America/Guyana America/Havana ' +
  'America/Hermosillo America/Jamaica America/Jujuy America/Kralendijk America/La_Paz America/Lima ' +
  'America/Lower_Princes America/Managua America/Matamoros America/Mazatlan America/Mendoza ' +
  'America/Merida America/Mexico_City America/Miquelon America/Monterrey America/Montevideo ' +
  'America/Montserrat America/Nassau America/Nuuk America/Ojinaga America/Panama America/Paramaribo ' +
  'America/Port-au-Prince America/Port_of_Spain America/Puerto_Rico America/Punta_Arenas ' +
  'America/Rosario America/Santa_Isabel America/Santiago America/Santo_Domingo America/Scoresbysund ' +
  'America/St_Barthelemy America/St_Kitts America/St_Lucia America/St_Thomas America/St_Vincent ' +
  'America/Tegucigalpa America/Thule America/Tijuana America/Tortola America/Virgin Antarctica/Casey ' +
  'Antarctica/Davis Antarctica/DumontDUrville Antarctica/Macquarie Antarctica/Mawson Antarctica/McMurdo ' +
  'Antarctica/Palmer Antarctica/Rothera Antarctica/South_Pole Antarctica/Syowa Antarctica/Troll ' +
  'Antarctica/Vostok Arctic/Longyearbyen Asia/Aden Asia/Almaty Asia/Amman Asia/Anadyr Asia/Aqtau ' +
  'Asia/Aqtobe Asia/Ashgabat Asia/Ashkhabad Asia/Atyrau Asia/Baghdad Asia/Bahrain Asia/Baku ' +
  'Asia/Bangkok Asia/Barnaul Asia/Beirut Asia/Bishkek Asia/Brunei Asia/Calcutta Asia/Chita ' +
  'Asia/Choibalsan Asia/Colombo Asia/Dacca Asia/Damascus Asia/Dhaka Asia/Dili Asia/Dubai Asia/Dushanbe ' +
  'Asia/Gaza Asia/Hebron Asia/Ho_Chi_Minh Asia/Hong_Kong Asia/Hovd Asia/Irkutsk Asia/Jakarta ' +
  'Asia/Jayapura Asia/Kabul Asia/Kamchatka Asia/Karachi Asia/Kathmandu Asia/Katmandu Asia/Khandyga ' +
  'Asia/Kolkata Asia/Krasnoyarsk Asia/Kuala_Lumpur Asia/Kuching Asia/Kuwait Asia/Macao Asia/Macau ' +
  'Asia/Magadan Asia/Makassar Asia/Manila Asia/Muscat Asia/Novokuznetsk Asia/Novosibirsk Asia/Omsk ' +
  'Asia/Oral Asia/Phnom_Penh Asia/Pontianak Asia/Pyongyang Asia/Qatar Asia/Qostanay Asia/Qyzylorda ' +
  'Asia/Rangoon Asia/Riyadh Asia/Saigon Asia/Sakhalin Asia/Samarkand Asia/Seoul Asia/Singapore ' +
  'Asia/Srednekolymsk Asia/Taipei Asia/Tashkent Asia/Tbilisi Asia/Tehran Asia/Thimbu Asia/Thimphu ' +
  'Asia/Tokyo Asia/Tomsk Asia/Ujung_Pandang Asia/Ulaanbaatar Asia/Ulan_Bator Asia/Ust-Nera ' +
  'Asia/Vientiane Asia/Vladivostok Asia/Yakutsk Asia/Yangon Asia/Yekaterinburg Asia/Yerevan ' +
  'Atlantic/Bermuda Atlantic/Cape_Verde Atlantic/Faeroe Atlantic/Faroe Atlantic/Jan_Mayen ' +
  'Atlantic/South_Georgia Atlantic/St_Helena Atlantic/Stanley Australia/ACT Australia/Adelaide ' +
  'Australia/Brisbane Australia/Broken_Hill Australia/Canberra Australia/Currie Australia/Darwin ' +
  'Australia/Eucla Australia/Hobart Australia/LHI Australia/Lindeman Australia/Lord_Howe ' +
  'Australia/Melbourne Australia/NSW Australia/North Australia/Perth Australia/Queensland ' +
  'Australia/South Australia/Sydney Australia/Tasmania Australia/Victoria Australia/West ' +
  'Australia/Yancowinna Chile/Continental Chile/EasterIsland Europe/Andorra Europe/Astrakhan ' +
  'Europe/Belgrade Europe/Chisinau Europe/Kaliningrad Europe/Kiev Europe/Kirov Europe/Kyiv Europe/Minsk ' +
  'Europe/Monaco Europe/Moscow Europe/Podgorica Europe/Samara Europe/San_Marino Europe/Sarajevo ' +
  'Europe/Saratov Europe/Simferopol Europe/Skopje Europe/Tirane Europe/Tiraspol Europe/Ulyanovsk ' +
  'Europe/Uzhgorod Europe/Vatican Europe/Volgograd Europe/Zaporozhye Indian/Antananarivo Indian/Chagos ' +
  'Indian/Christmas Indian/Cocos Indian/Comoro Indian/Kerguelen Indian/Mahe Indian/Maldives ' +
  'Indian/Mauritius Mexico/BajaNorte Mexico/BajaSur Mexico/General Pacific/Apia Pacific/Auckland ' +
  'Pacific/Bougainville Pacific/Chatham Pacific/Chuuk Pacific/Easter Pacific/Efate Pacific/Enderbury ' +
  'Pacific/Fakaofo Pacific/Fiji Pacific/Funafuti Pacific/Galapagos Pacific/Gambier Pacific/Guadalcanal ' +
  'Pacific/Guam Pacific/Johnston Pacific/Kanton Pacific/Kiritimati Pacific/Kosrae Pacific/Kwajalein ' +
  'Pacific/Majuro Pacific/Marquesas Pacific/Midway Pacific/Nauru Pacific/Niue Pacific/Norfolk ' +
  'Pacific/Noumea Pacific/Pago_Pago Pacific/Palau Pacific/Pitcairn Pacific/Pohnpei Pacific/Ponape ' +
  'Pacific/Port_Moresby Pacific/Rarotonga Pacific/Saipan Pacific/Samoa Pacific/Tahiti Pacific/Tarawa ' +
  'Pacific/Tongatapu Pacific/Truk Pacific/Wake Pacific/Wallis Pacific/Yap US/Samoa';

// Names that name no place (or an area-less link of a notice place): unknown.
export const NO_PLACE_ZONES =
  'CET CST6CDT Cuba EET EST EST5EDT Egypt Etc/GMT Etc/GMT+0 Etc/GMT+1 Etc/GMT+10 Etc/GMT+11 Etc/GMT+12 ' +
  'Etc/GMT+2 Etc/GMT+3 Etc/GMT+4 Etc/GMT+5 Etc/GMT+6 Etc/GMT+7 Etc/GMT+8 Etc/GMT+9 Etc/GMT-0 Etc/GMT-1 ' +
  'Etc/GMT-10 Etc/GMT-11 Etc/GMT-12 Etc/GMT-13 Etc/GMT-14 Etc/GMT-2 Etc/GMT-3 Etc/GMT-4 Etc/GMT-5 ' +
  'Etc/GMT-6 Etc/GMT-7 Etc/GMT-8 Etc/GMT-9 Etc/GMT0 Etc/Greenwich Etc/UCT Etc/UTC Etc/Universal ' +
  'Etc/Zulu Factory GMT GMT+0 GMT-0 GMT0 Greenwich HST Hongkong Iran Jamaica Japan Kwajalein Libya MET ' +
  'MST MST7MDT NZ NZ-CHAT PST8PDT ROC ROK Singapore UCT UTC Universal W-SU WET Zulu';
