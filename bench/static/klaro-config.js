// Klaro: two services (a necessary one, an analytics one), opt-in (default off), "Accept all" on the notice.
window.klaroConfig = {
  version: 1,
  elementID: 'klaro',
  storageMethod: 'cookie',
  cookieName: 'klaro',
  cookieExpiresAfterDays: 180,
  default: false,
  mustConsent: false,
  acceptAll: true,
  hideDeclineAll: false,
  lang: 'en',
  translations: {
    en: {
      purposes: { necessary: 'Necessary', analytics: 'Analytics' },
      'site-session': { description: 'Keeps your session.' },
      analytics: { description: 'Helps us understand how the site is used.' },
    },
  },
  services: [
    { name: 'site-session', title: 'Site session', purposes: ['necessary'], required: true, cookies: ['session'] },
    { name: 'analytics', title: 'Analytics', purposes: ['analytics'], default: false, cookies: [/^_ga/] },
  ],
};
