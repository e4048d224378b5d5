// The demo's configuration. The region control stores its choice in sessionStorage and points geoEndpoint at it.
window.ConsentRelayConfig = {
  geoEndpoint: '/api/geo?as=' + encodeURIComponent(sessionStorage.getItem('demoGeo') || 'EU'),
  receiptEndpoint: '/api/collector/receipts',
  categories: [
    { id: 'necessary', required: true },
    { id: 'analytics', cookies: ['_demo_analytics', '/^_ga/'] },
    { id: 'telemetry' },
  ],
  // The browser fallback of the product's usage telemetry: it sends only while the server half (behind the demo's
  // simulated firewall) cannot report. Short times so a person sees it happen within a minute.
  telemetry: {
    endpoint: '/api/collector/reports?t=browser',
    serverStatusUrl: '/api/server/status',
    initialDelayMs: 5000,
    intervalMs: 30000,
  },
};
