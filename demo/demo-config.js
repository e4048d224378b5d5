// The demo's configuration. The region control stores its choice in sessionStorage and points geoEndpoint at it.
window.ConsentRelayConfig = {
  geoEndpoint: '/api/geo?as=' + encodeURIComponent(sessionStorage.getItem('demoGeo') || 'EU'),
  receiptEndpoint: '/api/collector/receipts',
  categories: [
    { id: 'necessary', required: true },
    { id: 'analytics', cookies: ['_demo_analytics', '/^_ga/'] },
    { id: 'telemetry' },
  ],
};
