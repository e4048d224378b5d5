// The page's first script line after a synchronous <script src="/consent-relay.js">: what a site's own code sees.
window.__firstLine = {
  at: performance.now(),
  defined: !!window.ConsentRelay,
  hasAnalytics: window.ConsentRelay ? window.ConsentRelay.hasConsent('analytics') : null,
};
