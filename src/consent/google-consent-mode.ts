/**
 * Google Consent Mode v2: `gtag('consent', 'default', …)` before any tag runs, `update` on every change.
 * Mapping: analytics → analytics_storage; a `marketing`/`ads`/`advertising` category → the three ad fields
 * (ad_user_data and ad_personalization are required by v2 since March 2024); `functional`/`preferences` →
 * functionality and personalization storage. security_storage is strictly necessary.
 */
type Gtag = (...args: unknown[]) => void;

export function consentModeFields(choices: Record<string, boolean>): Record<string, 'granted' | 'denied'> {
  const g = (...ids: string[]) => (ids.some((id) => choices[id]) ? 'granted' : 'denied');
  const ads = g('marketing', 'ads', 'advertising');
  return {
    ad_storage: ads,
    ad_user_data: ads,
    ad_personalization: ads,
    analytics_storage: g('analytics'),
    functionality_storage: g('functional', 'functionality', 'preferences'),
    personalization_storage: g('personalization', 'preferences'),
    security_storage: 'granted',
  };
}

/** The page's gtag, or the standard dataLayer stub Google documents, so the default is queued before gtag.js loads. */
export function ensureGtag(win: Window & { gtag?: Gtag; dataLayer?: unknown[] }): Gtag {
  if (typeof win.gtag !== 'function') {
    const dl = (win.dataLayer = win.dataLayer || []);
    // gtag.js reads `arguments` objects from the dataLayer, not arrays: this is the documented stub.
    win.gtag = function gtag() {
      // biome-ignore lint/complexity/noArguments: gtag.js needs the arguments object itself
      dl.push(arguments);
    };
  }
  return win.gtag!;
}
