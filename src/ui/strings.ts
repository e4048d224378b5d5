/**
 * Every user-visible English string. Other languages override any key; a missing key falls back to English.
 * `{name}` placeholders are filled by `fmt`. Strings are rendered as text, never as HTML.
 */
export const EN = {
  bannerLabel: 'Cookie consent',
  title: 'We value your privacy',
  optInText:
    'We use cookies and similar technologies that are not strictly necessary only with your consent. You can accept, reject, or choose per purpose, and change your mind at any time under Cookie Preferences.',
  optOutText:
    'We use cookies and similar technologies for the purposes below. You can opt out of the sale or sharing of your personal information at any time.',
  noticeText:
    'We use cookies and similar technologies for the purposes below. You can turn them off at any time under Cookie Preferences.',
  purposes: 'Purposes',
  gpcHonored:
    'Your browser sent a Global Privacy Control signal. We honour it: we do not sell or share your personal information, and non-essential categories are off.',
  dntHonored: 'Your browser asks not to be tracked. We honour it: non-essential categories are off.',
  acceptAll: 'Accept all',
  rejectAll: 'Reject all',
  optOut: 'Do not sell or share my personal information',
  ok: 'OK',
  preferences: 'Preferences',
  close: 'Close',
  // The banner names the purposes a visitor can refuse; `necessary` is always required, so only the panel names it.
  cat_analytics: 'Analytics',
  cat_telemetry: 'Product usage telemetry',
  cat_marketing: 'Marketing',
  reloadText: 'Some scripts you just turned off were already running. Reload the page to stop them.',
  reload: 'Reload page',
} as const;

/**
 * The strings only the preferences panel shows: imported by the panel's file alone (src/ui/panel.ts builds them),
 * so the core every page view downloads does not carry them. Same rules as EN.
 */
export const PANEL_EN = {
  prefsTitle: 'Cookie Preferences',
  prefsText:
    'Choose which categories you allow. Strictly necessary cookies are always on because the site cannot work without them.',
  save: 'Save choices',
  alwaysOn: 'Always on',
  cat_necessary: 'Strictly necessary',
  cat_necessary_desc: 'Needed for the site to work and to remember your consent choice.',
  cat_analytics_desc: 'Helps us understand how the site is used, through aggregated statistics.',
  cat_telemetry_desc:
    'Aggregated, anonymous usage counts of this product, sent to its vendor to improve it. No personal data.',
  cat_marketing_desc: 'Used to show you relevant advertising on other sites.',
  saved: 'Your choices have been saved.',
  lockedOff: 'Turned off by the site operator.',
  lockedOn: 'Kept on by the site operator.',
  tmTitle: 'What product telemetry sends',
  tmText:
    'Only when the server cannot send its own usage report does your browser send it, with aggregated counts of feature use. Every transmission is listed here.',
  tmPreview: 'Next report',
  tmPreviewNone: 'Nothing is queued to be sent.',
  tmLog: 'Transmission log',
  tmLogEmpty: 'Nothing has been sent or logged yet.',
  tmSent: 'Sent',
  tmLogged: 'Logged only, not sent',
  tmRefused: 'Refused',
  tmFailed: 'Failed, will retry',
  tmShowData: 'Show exact data',
  tmTo: 'Sent to',
  tmCounts: 'Feature use',
  tmViews: 'Page views',
  tmServer: 'From the server',
  cookie: 'Cookie',
  purpose: 'Purpose',
  tmWhy_disabled: 'telemetry is turned off by the operator',
  tmWhy_no_endpoint: 'no valid telemetry endpoint is configured',
  tmWhy_no_consent: 'you have not allowed product usage telemetry',
  tmWhy_dnt: 'your browser asks not to be tracked',
  tmWhy_gpc: 'your browser sent a Global Privacy Control signal',
  tmWhy_logging: 'the operator chose to log reports, not send them',
  tmWhy_server_ok: 'the server sends its own reports',
  tmWhy_not_due: 'the next report is not due yet',
  tmWhy_too_large: 'the report is larger than the allowed size',
  // panel: consent record
  record: 'Your consent record: {id}, {date}',
  recordDownload: 'Download my consent receipts',
  recordFailed: 'Your receipts could not be downloaded. Please try again later.',
} as const;

export type StringKey = keyof typeof EN | keyof typeof PANEL_EN;
export type Strings = Record<StringKey, string>;

/** A language table, or the page's `translations` for one language: any keys, only known strings are used. */
export type StringLayer = Record<string, string> | undefined;

/**
 * `english` (EN, or PANEL_EN), overridden by a language table, overridden by the page's `translations`; never a
 * blank or a key name. The core builds EN's keys only; the panel adds its own (src/ui/panel.ts).
 */
export function buildStrings(english: Record<string, string>, layers: StringLayer[]): Strings {
  const out: Record<string, string> = { ...english };
  for (const layer of layers)
    if (layer)
      for (const k in layer) if (k in english && typeof layer[k] === 'string' && layer[k].trim()) out[k] = layer[k];
  return out as Strings;
}

/** A category's label: the config's, then the strings table's, then the id itself. All the banner needs. */
export const categoryLabel = (s: Strings, id: string, label?: string): string =>
  label || (s as Record<string, string>)['cat_' + id] || id;

/** Category label/description (the panel's): the config wins, then the strings table, then the id (no description). */
export function categoryText(s: Strings, id: string, label?: string, description?: string) {
  return {
    label: categoryLabel(s, id, label),
    description: description || (s as Record<string, string>)['cat_' + id + '_desc'] || '',
  };
}
